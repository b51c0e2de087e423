// See loan_store.h.
#include "server/store/loan_store.h"

#include "absl/strings/str_cat.h"
#include "server/store/loan_rows.h"

namespace shiori::store {

LoanRow ToLoan(const Row& row, int first) {
  const int k = first;
  LoanRow l;
  l.id = row.Int(k);
  l.copy_id = row.Int(k + 1);
  if (!row.IsNull(k + 2)) l.patron_id = row.Int(k + 2);
  l.record_id = row.Int(k + 3);
  l.library = row.Str(k + 4);
  l.loaned_at = row.Time(k + 5);
  l.due_date = row.Day(k + 6).value_or(absl::CivilDay());
  l.renewals = static_cast<int>(row.Int(k + 7));
  if (!row.IsNull(k + 8)) l.returned_at = row.Time(k + 8);
  l.keep_history = row.Bool(k + 9);
  l.request_id = row.Str(k + 10);
  l.title = row.Str(k + 11);
  l.barcode = row.Str(k + 12);
  l.patron_number = row.Str(k + 13);
  l.material_type = static_cast<int>(row.Int(k + 14));
  l.waiting_reservations = static_cast<int>(row.Int(k + 15));
  l.renew_request_id = row.Str(k + 16);
  if (!row.IsNull(k + 17)) l.fulfilled_reservation_id = row.Int(k + 17);
  return l;
}

namespace {

const std::string& Select() {
  static const std::string* select = new std::string(absl::StrCat(
      "SELECT ", kLoanColumns,
      " FROM loan l JOIN record rec ON rec.id = l.record_id JOIN copy c ON c.id = l.copy_id "));
  return *select;
}

absl::StatusOr<std::optional<LoanRow>> One(absl::StatusOr<Rows> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<LoanRow>();
  return std::optional<LoanRow>(ToLoan(rows->front()));
}

absl::StatusOr<std::vector<LoanRow>> Many(absl::StatusOr<Rows> rows) {
  if (!rows.ok()) return rows.status();
  std::vector<LoanRow> out;
  for (const Row& r : *rows) out.push_back(ToLoan(r));
  return out;
}

}  // namespace

absl::StatusOr<std::optional<LoanRow>> FindLoan(Tx& tx, int64_t id, bool lock) {
  if (lock) {
    auto locked = tx.Query("SELECT id FROM loan WHERE id = ? FOR UPDATE", {id});
    if (!locked.ok()) return locked.status();
  }
  return One(tx.Query(absl::StrCat(Select(), "WHERE l.id = ?"), {id}));
}

absl::StatusOr<std::vector<LoanRow>> ListOpenLoans(Tx& tx, int64_t patron_id) {
  return Many(tx.Query(absl::StrCat(Select(), "WHERE l.patron_id = ? AND l.returned_at IS NULL"
                                             " ORDER BY l.due_date, l.id"),
                       {patron_id}));
}

absl::StatusOr<std::vector<LoanRow>> ListReturnedLoans(Tx& tx, int64_t patron_id, int limit,
                                                       const std::optional<ReturnedLoanCursor>& after) {
  std::vector<SqlValue> params = {patron_id};
  if (after) {
    params.push_back(after->returned_at);
    params.push_back(after->id);
  }
  params.push_back(int64_t{limit});
  return Many(tx.Query(absl::StrCat(Select(), "WHERE l.patron_id = ? AND l.returned_at IS NOT NULL",
                                    after ? " AND (l.returned_at, l.id) < (?, ?)" : "",
                                    " ORDER BY l.returned_at DESC, l.id DESC LIMIT ?"),
                       params));
}

absl::StatusOr<int64_t> InsertLoan(Tx& tx, const LoanRow& l) {
  SqlValue request = TextOrNull(l.request_id);
  auto n = tx.Query(
      "INSERT INTO loan (copy_id, patron_id, record_id, library, loaned_at, due_date, renewals, keep_history,"
      " request_id, fulfilled_reservation_id) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id",
      {l.copy_id, *l.patron_id, l.record_id, l.library, l.loaned_at, l.due_date, int64_t{l.keep_history ? 1 : 0},
       request, l.fulfilled_reservation_id ? SqlValue(*l.fulfilled_reservation_id) : SqlValue(Null{})});
  if (!n.ok()) return n.status();
  return n->front().Int(0);
}

absl::Status EndLoan(Tx& tx, int64_t id, absl::Time now, const std::string& library, bool keep_patron,
                     const std::string& forced_reason, const std::string& request_id) {
  return tx
      .Execute(absl::StrCat("UPDATE loan SET returned_at = ?, returned_library = ?, forced_reason = ?,"
                            " return_request_id = ?",
                            keep_patron ? "" : ", patron_id = NULL", " WHERE id = ? AND returned_at IS NULL"),
               {now, library, TextOrNull(forced_reason), TextOrNull(request_id), id})
      .status();
}

absl::Status ForgetFulfilledReservation(Tx& tx, int64_t reservation_id, absl::Time now) {
  // Its request id stays known (erased_request), so that a late retry does not place it again.
  auto kept = tx.Execute(
      "INSERT IGNORE INTO erased_request (request_id, erased_at) SELECT request_id, ? FROM reservation"
      " WHERE id = ? AND state = 4 AND request_id IS NOT NULL",
      {now, reservation_id});
  if (!kept.ok()) return kept.status();
  // With its mails: a ready notice names the patron, their address and the title (B6).
  return tx
      .Execute("DELETE r, o FROM reservation r LEFT JOIN outbox o ON o.reservation_id = r.id"
               " WHERE r.id = ? AND r.state = 4",
               {reservation_id})
      .status();
}

absl::StatusOr<std::optional<LoanReturn>> FindLoanReturn(Tx& tx, int64_t loan_id) {
  auto rows = tx.Query(
      "SELECT copy_id, COALESCE(returned_library, ''), forced_reason IS NOT NULL FROM loan"
      " WHERE id = ? AND returned_at IS NOT NULL",
      {loan_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<LoanReturn>();
  return std::optional<LoanReturn>(LoanReturn{rows->front().Int(0), rows->front().Str(1), rows->front().Bool(2)});
}

absl::StatusOr<std::optional<int64_t>> FindLoanRenewedBy(Tx& tx, int64_t patron_id, const std::string& request_id) {
  // loan_patron (patron_id, returned_at): the patron's loans only.
  auto rows = tx.Query("SELECT id FROM loan WHERE patron_id = ? AND renew_request_id = ? LIMIT 1",
                       {patron_id, request_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().Int(0));
}

absl::Status SetLoanRenewed(Tx& tx, int64_t id, absl::CivilDay due_date, int renewals, const std::string& request_id) {
  SqlValue request = TextOrNull(request_id);
  return tx
      .Execute("UPDATE loan SET due_date = ?, renewals = ?, renew_request_id = ? WHERE id = ?",
               {due_date, int64_t{renewals}, request, id})
      .status();
}

absl::Status SetReadingHistory(Tx& tx, int64_t patron_id, bool enabled, absl::Time now) {
  auto n = tx.Execute("UPDATE patron SET reading_history = ? WHERE id = ?", {int64_t{enabled ? 1 : 0}, patron_id});
  if (!n.ok()) return n.status();
  if (enabled) return absl::OkStatus();
  // The kept history goes, with the reservations its loans fulfilled and their mails (as at a return without
  // history); their request ids stay known.
  auto kept = tx.Execute(
      "INSERT IGNORE INTO erased_request (request_id, erased_at) SELECT r.request_id, ? FROM reservation r"
      " JOIN loan l ON l.fulfilled_reservation_id = r.id"
      " WHERE l.patron_id = ? AND l.returned_at IS NOT NULL AND r.state = 4 AND r.request_id IS NOT NULL",
      {now, patron_id});
  if (!kept.ok()) return kept.status();
  auto fulfilled = tx.Execute(
      "DELETE r, o FROM reservation r JOIN loan l ON l.fulfilled_reservation_id = r.id"
      " LEFT JOIN outbox o ON o.reservation_id = r.id"
      " WHERE l.patron_id = ? AND l.returned_at IS NOT NULL AND r.state = 4",
      {patron_id});
  if (!fulfilled.ok()) return fulfilled.status();
  auto forget = tx.Execute("UPDATE loan SET patron_id = NULL WHERE patron_id = ? AND returned_at IS NOT NULL",
                           {patron_id});
  if (!forget.ok()) return forget.status();
  return tx.Execute("UPDATE loan SET keep_history = FALSE WHERE patron_id = ? AND returned_at IS NULL", {patron_id})
      .status();
}

absl::StatusOr<int> WaitingReservations(Tx& tx, int64_t record_id) {
  auto rows = tx.Query("SELECT COUNT(*) FROM reservation WHERE record_id = ? AND state = 1", {record_id});
  if (!rows.ok()) return rows.status();
  return static_cast<int>(rows->at(0).Int(0));
}

}  // namespace shiori::store
