// See db_ceiling.h. The order of the calls below is that of app::Authenticate and app::PlaceReservation.
#include "tools/benchmark/db_ceiling.h"

#include "absl/time/clock.h"
#include "server/store/catalog_store.h"
#include "server/store/patron_store.h"
#include "server/store/reservation_store.h"
#include "server/store/session_store.h"
#include "shiori/v1/common.pb.h"

namespace shiori::bench {

absl::Status PlaceReservationSql(store::Database& db, const std::string& token_hash, int64_t patron_id,
                                 int64_t record_id, const std::string& request_id) {
  // app::Authenticate: autocommit reads of the session and its patron (the 30-second touch is left out).
  absl::Status auth = db.WithConnection([&](store::Tx& tx) -> absl::Status {
    auto session = store::FindSession(tx, token_hash);
    if (!session.ok()) return session.status();
    return store::FindPatronById(tx, patron_id).status();
  });
  if (!auth.ok()) return auth;
  return db.InTransaction([&](store::Tx& tx) -> absl::Status {
    auto existing = store::FindReservationByRequest(tx, patron_id, request_id);
    if (!existing.ok()) return existing.status();
    auto libraries = store::ListLibraries(tx);
    if (!libraries.ok()) return libraries.status();
    auto patron = store::FindPatronById(tx, patron_id, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    auto record = store::FindRecord(tx, record_id);
    if (!record.ok()) return record.status();
    auto types = store::CopyTypesOfRecord(tx, record_id);
    if (!types.ok()) return types.status();
    auto reserved = store::PatronHasActiveReservation(tx, patron_id, record_id);
    if (!reserved.ok()) return reserved.status();
    auto on_loan = store::PatronHasRecordOnLoan(tx, patron_id, record_id);
    if (!on_loan.ok()) return on_loan.status();
    auto counted = store::CountPatronReservations(tx, patron_id, {v1::WAITING, v1::IN_TRANSIT, v1::SECURED});
    if (!counted.ok()) return counted.status();
    absl::Status counter = store::AddActiveReservations(tx, patron_id, +1);
    if (!counter.ok()) return counter;
    auto number = store::NextQueueNumber(tx, record_id);
    if (!number.ok()) return number.status();
    store::ReservationRow r;
    r.patron_id = patron_id;
    r.record_id = record_id;
    r.pickup_library = "main";
    r.notify_method = v1::EMAIL;
    r.channel = v1::INTERNET;
    r.state = v1::WAITING;
    r.queue_number = *number;
    r.created_at = absl::Now();
    r.request_id = request_id;
    auto id = store::InsertReservation(tx, r);
    if (!id.ok()) return id.status();
    r.id = *id;
    return store::QueuePosition(tx, r).status();
  });
}

}  // namespace shiori::bench
