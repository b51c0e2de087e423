// See db_ceiling.h. The order of the calls below is that of app::Authenticate, app::PlaceReservation and
// app::Checkin.
#include "tools/benchmark/db_ceiling.h"

#include <algorithm>
#include <string>

#include "absl/time/clock.h"
#include "absl/strings/str_cat.h"
#include "server/app/sessions.h"
#include "server/store/catalog_store.h"
#include "server/store/circulation_store.h"
#include "server/store/loan_store.h"
#include "server/store/patron_store.h"
#include "server/store/reservation_store.h"
#include "server/store/session_store.h"
#include "shiori/v1/common.pb.h"

namespace shiori::bench {
namespace {

// app::Authenticate: the autocommit read of the session and its caller, and the session's touch when it is due
// (every 30 seconds of a session's use), as the server does it.
absl::Status AuthenticateSql(store::Database& db, const std::string& token_hash) {
  return db.WithConnection([&](store::Tx& tx) -> absl::Status {
    auto found = store::FindSessionCaller(tx, token_hash);
    if (!found.ok()) return found.status();
    if (!found->has_value()) return absl::NotFoundError("no such session");
    const absl::Time now = absl::Now();
    if (app::SessionTouchDue((*found)->session.last_seen_at, now)) return store::TouchSession(tx, token_hash, now);
    return absl::OkStatus();
  });
}

}  // namespace

absl::Status PlaceReservationSql(store::Database& db, const std::string& token_hash, int64_t patron_id,
                                 int64_t record_id, const std::string& request_id) {
  absl::Status auth = AuthenticateSql(db, token_hash);
  if (!auth.ok()) return auth;
  return db.InTransaction([&](store::Tx& tx) -> absl::Status {
    auto category = store::ReadPatronCategory(tx, patron_id, /*lock=*/true);
    if (!category.ok()) return category.status();
    auto read = store::ReadPlacement(tx, patron_id, record_id, "main", request_id,
                                     {v1::WAITING, v1::IN_TRANSIT, v1::SECURED});
    if (!read.ok()) return read.status();
    // The RPC refuses a title the patron has already reserved (R7) here, before writing; so does its ceiling
    // (the random titles of a row meet one now and then), rather than hit the unique key.
    if (read->already_reserved) return absl::FailedPreconditionError("ALREADY_RESERVED");
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

absl::Status ClearCeilingReservations(store::Database& db) {
  return db.InTransaction([](store::Tx& tx) -> absl::Status {
    auto counted = tx.Execute(
        "UPDATE patron p JOIN (SELECT patron_id, COUNT(*) AS n FROM reservation WHERE request_id LIKE 'ceiling-%'"
        " AND state IN (1, 2, 3) GROUP BY patron_id) c ON c.patron_id = p.id"
        " SET p.active_reservations = p.active_reservations - c.n");
    if (!counted.ok()) return counted.status();
    return tx.Execute("DELETE FROM reservation WHERE request_id LIKE 'ceiling-%'").status();
  });
}

absl::Status CheckinSql(store::Database& db, const std::string& token_hash, const std::string& barcode,
                        const std::string& library, const std::string& request_id) {
  absl::Status auth = AuthenticateSql(db, token_hash);  // the desk's staff session
  if (!auth.ok()) return auth;
  // app::Checkin of a lent book copy at its home library with nobody waiting: it goes back on the shelf.
  absl::Status checked_in = db.InTransaction([&](store::Tx& tx) -> absl::Status {
    const absl::Time now = absl::Now();
    auto borrower = store::LockBorrowerOfCopy(tx, barcode);
    if (!borrower.ok()) return borrower.status();
    absl::Status locked = store::LockRecordOfCopy(tx, barcode);
    if (!locked.ok()) return locked;
    auto read = store::ReadReturn(tx, barcode, request_id);
    if (!read.ok()) return read.status();
    if (!read->has_value() || !(*read)->loan) {
      return absl::FailedPreconditionError(absl::StrCat(barcode, " is not on loan"));
    }
    const store::LoanRow& loan = *(*read)->loan;
    absl::Status ended = store::EndLoan(tx, loan.id, now, library, loan.keep_history, "", request_id);
    if (!ended.ok()) return ended;
    // Nobody waits (loan.waiting_reservations, read under the title's lock): no read of the queue's head, as in
    // app::RouteFreeCopyAt.
    absl::Status shelved =
        store::SetCopyPlace(tx, (*read)->copy, store::kOnShelf, library, std::nullopt, std::nullopt);
    if (!shelved.ok()) return shelved;
    store::AuditEntry e;
    e.actor = "staff:b0001";
    e.action = "checkin";
    e.target = absl::StrCat("copies/", barcode);
    e.detail = absl::StrCat("library=", library, " loan=", loan.id);
    return store::InsertAudit(tx, e, now);
  });
  return checked_in;
}

absl::Status PrepareCommitFloor(store::Database& db, int clients) {
  return db.WithConnection([&](store::Tx& tx) -> absl::Status {
    auto created = tx.Execute(
        "CREATE TABLE IF NOT EXISTS bench_commit_floor (client INT NOT NULL PRIMARY KEY, n BIGINT NOT NULL)"
        " ENGINE=InnoDB");
    if (!created.ok()) return created.status();
    return tx
        .Execute("INSERT IGNORE INTO bench_commit_floor (client, n) SELECT seq, 0 FROM seq_0_to_" +
                 std::to_string(std::max(0, clients - 1)))
        .status();
  });
}

absl::Status CommitFloorSql(store::Database& db, int client) {
  return db.InTransaction([&](store::Tx& tx) -> absl::Status {
    return tx.Execute("UPDATE bench_commit_floor SET n = n + 1 WHERE client = ?", {int64_t{client}}).status();
  });
}

}  // namespace shiori::bench
