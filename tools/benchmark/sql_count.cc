// See sql_count.h.
#include "tools/benchmark/sql_count.h"

#include "absl/strings/str_cat.h"
#include "server/auth/secret_token.h"
#include "server/store/database.h"
#include "tools/benchmark/db_ceiling.h"

namespace shiori::bench {
namespace {

// Runs `fn` with the general log on and returns the statements other connections executed meanwhile.
absl::StatusOr<std::vector<std::string>> Logged(DirectSql& admin, const std::function<absl::Status()>& fn) {
  for (const char* s : {"SET GLOBAL log_output = 'TABLE'", "TRUNCATE TABLE mysql.general_log",
                        "SET GLOBAL general_log = 1"}) {
    absl::Status st = admin.Run(s);
    if (!st.ok()) return st;
  }
  absl::Status done = fn();
  absl::Status off = admin.Run("SET GLOBAL general_log = 0");
  if (!done.ok()) return done;
  if (!off.ok()) return off;
  return admin.Column(
      "SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log WHERE command_type IN ('Query', 'Execute')"
      " AND thread_id <> CONNECTION_ID() ORDER BY event_time");
}

}  // namespace

absl::StatusOr<StatementCounts> CountPlaceStatements(DirectSql& admin, const store::MysqlTarget& target,
                                                     Workloads& work, ClientState& client) {
  if (client.ceiling_sessions.size() < 2) return absl::FailedPreconditionError("too few patrons");
  const BenchSession& s = client.ceiling_sessions[0];
  auto place = [&](int64_t n) -> absl::Status {
    client.client->set_session_token(s.token);
    v1::PlaceReservationRequest request;
    request.set_record(absl::StrCat("records/", work.ReservableRecord(999, n)));
    request.set_pickup_library("main");
    request.set_notify_method(v1::EMAIL);  // as the PlaceReservation row's calls
    return client.client->PlaceReservation(request).status();
  };
  auto db = store::Database::Open(target, 1);
  if (!db.ok()) return db.status();
  auto ceiling = [&](int64_t n) {
    return PlaceReservationSql(**db, auth::TokenHash(s.token), s.patron_id, work.ReservableRecord(998, n),
                               absl::StrCat("count-", n));
  };
  // Warm-ups: connections opened and statements prepared.
  for (int64_t n = 0; n < 3; ++n) {
    absl::Status w = place(n);
    if (!w.ok()) return w;
    w = ceiling(n);
    if (!w.ok()) return w;
  }
  StatementCounts out;
  auto rpc = Logged(admin, [&] { return place(10); });
  if (!rpc.ok()) return rpc.status();
  out.rpc = static_cast<int>(rpc->size());
  out.rpc_statements = *rpc;
  auto direct = Logged(admin, [&] { return ceiling(10); });
  if (!direct.ok()) return direct.status();
  out.ceiling = static_cast<int>(direct->size());
  return out;
}

absl::StatusOr<DeskStatementCounts> CountDeskStatements(DirectSql& admin, const store::MysqlTarget& target,
                                                        Workloads& work, int c, ClientState& client) {
  auto db = store::Database::Open(target, 1);
  if (!db.ok()) return db.status();
  int64_t n = 0;
  auto lend = [&]() -> absl::StatusOr<HeldLoan> {
    absl::Status lent = work.Checkout(c, n++);
    if (!lent.ok()) return lent;
    HeldLoan loan = client.loans.back();
    client.loans.pop_back();
    return loan;
  };
  auto checkin = [&](const HeldLoan& loan) -> absl::Status {
    client.client->set_session_token(client.staff_token);
    v1::CheckinRequest request;
    request.set_barcode(loan.barcode);
    request.set_library(loan.library);
    return client.client->Checkin(request).status();
  };
  auto checkin_sql = [&](const HeldLoan& loan) {
    return CheckinSql(**db, auth::TokenHash(client.staff_token), loan.barcode, loan.library,
                      absl::StrCat("count-return-", loan.barcode));
  };
  // Warm-ups: connections opened and statements prepared.
  for (int i = 0; i < 2; ++i) {
    auto a = lend();
    if (!a.ok()) return a.status();
    if (absl::Status s = checkin(*a); !s.ok()) return s;
    auto b = lend();
    if (!b.ok()) return b.status();
    if (absl::Status s = checkin_sql(*b); !s.ok()) return s;
  }
  DeskStatementCounts out;
  absl::StatusOr<HeldLoan> loan;
  auto lent = Logged(admin, [&] {
    loan = lend();
    return loan.status();
  });
  if (!lent.ok()) return lent.status();
  out.checkout_rpc = static_cast<int>(lent->size());
  auto returned = Logged(admin, [&] { return checkin(*loan); });
  if (!returned.ok()) return returned.status();
  out.checkin_rpc = static_cast<int>(returned->size());
  auto other = lend();
  if (!other.ok()) return other.status();
  auto direct = Logged(admin, [&] { return checkin_sql(*other); });
  if (!direct.ok()) return direct.status();
  out.checkin_ceiling = static_cast<int>(direct->size());
  return out;
}

}  // namespace shiori::bench
