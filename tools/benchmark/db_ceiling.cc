// See db_ceiling.h. The order of the calls below is that of app::Authenticate and app::PlaceReservation.
#include "tools/benchmark/db_ceiling.h"

#include "absl/time/clock.h"
#include "server/store/patron_store.h"
#include "server/store/reservation_store.h"
#include "server/store/session_store.h"
#include "shiori/v1/common.pb.h"

namespace shiori::bench {

absl::Status PlaceReservationSql(store::Database& db, const std::string& token_hash, int64_t patron_id,
                                 int64_t record_id, const std::string& request_id) {
  // app::Authenticate: the autocommit read of the session and its patron (the 30-second touch is left out).
  absl::Status auth =
      db.WithConnection([&](store::Tx& tx) { return store::FindSessionCaller(tx, token_hash).status(); });
  if (!auth.ok()) return auth;
  return db.InTransaction([&](store::Tx& tx) -> absl::Status {
    auto patron = store::FindPatronById(tx, patron_id, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    auto read = store::ReadPlacement(tx, patron_id, record_id, "main", request_id,
                                     {v1::WAITING, v1::IN_TRANSIT, v1::SECURED});
    if (!read.ok()) return read.status();
    absl::Status counter = store::AddActiveReservations(tx, patron_id, +1);
    if (!counter.ok()) return counter;
    auto ticket = store::NextQueueNumber(tx, record_id);
    if (!ticket.ok()) return ticket.status();
    store::ReservationRow r;
    r.patron_id = patron_id;
    r.record_id = record_id;
    r.pickup_library = "main";
    r.notify_method = v1::EMAIL;
    r.channel = v1::INTERNET;
    r.state = v1::WAITING;
    r.queue_number = ticket->number;
    r.created_at = absl::Now();
    r.request_id = request_id;
    return store::InsertReservation(tx, r).status();
  });
}

}  // namespace shiori::bench
