// See circulation_store.h.
#include "server/store/circulation_store.h"

#include "server/store/catalog_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/store/audit_log.h"
#include "server/store/catalog_store.h"
#include "server/store/loan_rows.h"

namespace shiori::store {
namespace {

// A CirculatingCopy's columns, and the tables they come from.
constexpr char kCopyColumns[] =
    "c.id, c.barcode, c.record_id, c.home_library, c.current_library, c.material_type, c.status, c.transit_from,"
    " c.reservation_id, rec.title, rec.latest_issue";
constexpr char kCopyTables[] = " FROM copy c JOIN record rec ON rec.id = c.record_id ";
constexpr int kCopyColumnCount = ColumnsIn(kCopyColumns);

// A row selected with kCopyColumns first.
CirculatingCopy ToCopy(const Row& row) {
  CirculatingCopy c;
  c.id = row.Int(0);
  c.barcode = row.Str(1);
  c.record_id = row.Int(2);
  c.home_library = row.Str(3);
  c.current_library = row.Str(4);
  c.material_type = static_cast<int>(row.Int(5));
  c.status = static_cast<int>(row.Int(6));
  if (!row.IsNull(7)) c.transit_from = row.Str(7);
  if (!row.IsNull(8)) c.reservation_id = row.Int(8);
  c.title = row.Str(9);
  c.latest_issue = row.Bool(10);
  return c;
}

absl::StatusOr<std::optional<CirculatingCopy>> OneCopy(absl::StatusOr<Rows> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<CirculatingCopy>();
  return std::optional<CirculatingCopy>(ToCopy(rows->front()));
}

SqlValue OptionalText(const std::optional<std::string>& v) { return v ? SqlValue(*v) : SqlValue(Null{}); }
SqlValue OptionalInt(std::optional<int64_t> v) { return v ? SqlValue(*v) : SqlValue(Null{}); }

constexpr char kShelfSelect[] =
    "SELECT r.id, r.record_id, rec.title, r.pickup_library, r.notify_method, r.state, r.pickup_deadline,"
    " r.created_at, r.notice_failed, COALESCE(c.barcode, ''), p.patron_number, p.name, p.phone, r.called_at"
    " FROM reservation r JOIN record rec ON rec.id = r.record_id JOIN patron p ON p.id = r.patron_id"
    " LEFT JOIN copy c ON c.id = r.copy_id ";

HoldShelfRow ToShelfRow(const Row& row) {
  HoldShelfRow h;
  h.reservation_id = row.Int(0);
  h.record_id = row.Int(1);
  h.title = row.Str(2);
  h.pickup_library = row.Str(3);
  h.notify_method = static_cast<int>(row.Int(4));
  h.state = static_cast<int>(row.Int(5));
  h.deadline = row.Day(6);
  h.created_at = row.Time(7);
  h.notice_failed = row.Bool(8);
  h.barcode = row.Str(9);
  h.patron_number = row.Str(10);
  h.patron_name = row.Str(11);
  h.phone = row.Str(12);
  if (!row.IsNull(13)) h.called_at = row.Time(13);
  return h;
}

}  // namespace

absl::StatusOr<std::optional<CirculatingCopy>> FindCopyByBarcode(Tx& tx, const std::string& barcode, bool lock) {
  return OneCopy(tx.Query(
      absl::StrCat("SELECT ", kCopyColumns, kCopyTables, "WHERE c.barcode = ?", lock ? " FOR UPDATE" : ""), {barcode}));
}

absl::StatusOr<std::optional<CirculatingCopy>> FindCopyById(Tx& tx, int64_t id, bool lock) {
  return OneCopy(
      tx.Query(absl::StrCat("SELECT ", kCopyColumns, kCopyTables, "WHERE c.id = ?", lock ? " FOR UPDATE" : ""), {id}));
}

absl::Status LockRecord(Tx& tx, int64_t record_id) {
  // A write (not only a locking read): on a certifying cluster only written rows conflict.
  return tx.Execute("UPDATE record SET queue_tail = queue_tail + 0 * id WHERE id = ?", {record_id}).status();
}

absl::Status LockRecordOfCopy(Tx& tx, const std::string& barcode) {
  // The subquery is not a locking read, so only the title row is locked, as by LockRecord.
  return tx
      .Execute("UPDATE record SET queue_tail = queue_tail + 0 * id"
               " WHERE id = (SELECT record_id FROM copy WHERE barcode = ?)",
               {barcode})
      .status();
}

absl::StatusOr<std::optional<CheckoutRead>> ReadCheckout(Tx& tx, const std::string& barcode, int64_t patron_id,
                                                         bool lock) {
  // Joined tables are locked with FOR UPDATE (the copy, its title, its open loan, the patron's reservation);
  // the subqueries are plain reads.
  auto rows = tx.Query(
      absl::StrCat(
          "SELECT ", kCopyColumns, ", l.id, l.patron_id, a.id, a.state, a.copy_id,"
          " (SELECT GROUP_CONCAT(oc.material_type) FROM loan o JOIN copy oc ON oc.id = o.copy_id"
          "  WHERE o.patron_id = ? AND o.returned_at IS NULL),"
          " (SELECT COUNT(*) FROM reservation w WHERE w.record_id = c.record_id AND w.state = 1)",
          kCopyTables,
          "LEFT JOIN loan l ON l.open_copy_id = c.id"
          " LEFT JOIN reservation a ON a.patron_id = ? AND a.active_record_id = c.record_id WHERE c.barcode = ?",
          lock ? " FOR UPDATE" : ""),
      {patron_id, patron_id, barcode});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<CheckoutRead>();
  const Row& row = rows->front();
  CheckoutRead out;
  out.copy = ToCopy(row);
  int k = kCopyColumnCount;
  if (!row.IsNull(k)) out.open_loan = OpenLoan{row.Int(k), row.IsNull(k + 1) ? 0 : row.Int(k + 1)};
  k += 2;
  if (!row.IsNull(k)) {
    out.reservation = ActiveReservation{row.Int(k), static_cast<int>(row.Int(k + 1)), std::nullopt};
    if (!row.IsNull(k + 2)) out.reservation->copy_id = row.Int(k + 2);
  }
  k += 3;
  if (!row.IsNull(k)) {
    for (absl::string_view t : absl::StrSplit(row.Str(k), ',', absl::SkipEmpty())) {
      int type = 0;
      if (absl::SimpleAtoi(t, &type)) out.open_loan_types.push_back(type);
    }
  }
  out.waiting = static_cast<int>(row.Int(k + 1));
  return std::optional<CheckoutRead>(std::move(out));
}

absl::StatusOr<QueueClaims> ReadQueueClaims(Tx& tx, int64_t record_id, int64_t copy_id,
                                            std::optional<int64_t> own_reservation) {
  auto rows = tx.Query(
      "SELECT (SELECT COUNT(*) FROM reservation r WHERE r.record_id = ? AND r.state = 1 AND r.queue_number <"
      " COALESCE((SELECT q.queue_number FROM reservation q WHERE q.id = ? AND q.state = 1), 9223372036854775807)),"
      " (SELECT GROUP_CONCAT(c.material_type) FROM copy c WHERE c.record_id = ? AND c.id <> ? AND c.status = 1"
      " AND c.reservation_id IS NULL)",
      {record_id, OptionalInt(own_reservation), record_id, copy_id});
  if (!rows.ok()) return rows.status();
  QueueClaims out;
  const Row& row = rows->at(0);
  out.ahead = static_cast<int>(row.Int(0));
  if (!row.IsNull(1)) {
    for (absl::string_view t : absl::StrSplit(row.Str(1), ',', absl::SkipEmpty())) {
      int type = 0;
      if (absl::SimpleAtoi(t, &type)) out.free_copy_types.push_back(type);
    }
  }
  return out;
}

absl::StatusOr<std::optional<ReturnRead>> ReadReturn(Tx& tx, const std::string& barcode,
                                                     const std::string& request_id) {
  // FOR UPDATE locks the copy and its loan (the title is this transaction's already); the patron and the
  // request id's loan are only looked up, in subqueries, which are not locking reads: locking the patron here
  // would take it after the title. A NULL request id matches no loan.
  auto rows = tx.Query(absl::StrCat("SELECT ", kCopyColumns, ", ", kLoanColumns,
                                    ", (SELECT b.id FROM patron b WHERE b.id = l.patron_id),"
                                    " (SELECT q.id FROM loan q WHERE q.return_request_id = ?),"
                                    " (SELECT CONCAT(s.kind, ' ', s.copy_id, ' ', s.library) FROM scan_request s"
                                    " WHERE s.request_id = ?)",
                                    kCopyTables,
                                    "LEFT JOIN loan l ON l.open_copy_id = c.id WHERE c.barcode = ? FOR UPDATE"),
                       {TextOrNull(request_id), TextOrNull(request_id), barcode});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ReturnRead>();
  const Row& row = rows->front();
  ReturnRead out{ToCopy(row), std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  if (!row.IsNull(kCopyColumnCount)) out.loan = ToLoan(row, kCopyColumnCount);
  constexpr int kBorrowerColumn = kCopyColumnCount + kLoanColumnCount;
  if (!row.IsNull(kBorrowerColumn)) out.borrower_id = row.Int(kBorrowerColumn);
  if (!row.IsNull(kBorrowerColumn + 1)) out.returned_by_request = row.Int(kBorrowerColumn + 1);
  if (!row.IsNull(kBorrowerColumn + 2)) {
    std::vector<std::string> parts = absl::StrSplit(row.Str(kBorrowerColumn + 2), absl::MaxSplits(' ', 2));
    ScanRequest scan;
    if (parts.size() == 3 && absl::SimpleAtoi(parts[0], &scan.kind) && absl::SimpleAtoi(parts[1], &scan.copy_id)) {
      scan.library = parts[2];
      out.scanned_by_request = std::move(scan);
    }
  }
  return std::optional<ReturnRead>(std::move(out));
}

absl::Status InsertScanRequest(Tx& tx, const std::string& request_id, const ScanRequest& scan, absl::Time now) {
  return tx
      .Execute("INSERT INTO scan_request (request_id, kind, copy_id, library, scanned_at) VALUES (?, ?, ?, ?, ?)",
               {request_id, int64_t{scan.kind}, scan.copy_id, scan.library, now})
      .status();
}

absl::Status SetCopyPlace(Tx& tx, CirculatingCopy& copy, int status, const std::string& current_library,
                          const std::optional<std::string>& transit_from, std::optional<int64_t> reservation_id) {
  auto n = tx.Execute(
      "UPDATE copy SET status = ?, current_library = ?, transit_from = ?, reservation_id = ?,"
      " left_on_hold_shelf_at = NULL WHERE id = ?",
      {int64_t{status}, current_library, OptionalText(transit_from), OptionalInt(reservation_id), copy.id});
  if (!n.ok()) return n.status();
  copy.status = status;
  copy.current_library = current_library;
  copy.transit_from = transit_from;
  copy.reservation_id = reservation_id;
  return absl::OkStatus();
}

absl::StatusOr<bool> SendForReservation(Tx& tx, int64_t reservation_id, CirculatingCopy& copy,
                                        const std::string& to, const std::optional<std::string>& from) {
  // One statement for the reservation and the copy (both locked already): a round trip fewer at the desk.
  auto n = tx.Execute(
      "UPDATE reservation r JOIN copy c ON c.id = ? SET r.state = 2, r.copy_id = c.id, c.status = ?,"
      " c.current_library = ?, c.transit_from = ?, c.reservation_id = r.id, c.left_on_hold_shelf_at = NULL"
      " WHERE r.id = ? AND r.state = 1",
      {copy.id, int64_t{kInTransit}, to, OptionalText(from), reservation_id});
  if (!n.ok()) return n.status();
  if (*n == 0) return false;
  copy.status = kInTransit;
  copy.current_library = to;
  copy.transit_from = from;
  copy.reservation_id = reservation_id;
  return true;
}

absl::StatusOr<bool> SecureOnHoldShelf(Tx& tx, int64_t reservation_id, CirculatingCopy& copy,
                                       const std::string& library, absl::Time now, absl::CivilDay deadline) {
  auto n = tx.Execute(
      "UPDATE reservation r JOIN copy c ON c.id = ? SET r.state = 3, r.copy_id = c.id, r.secured_at = ?,"
      " r.pickup_deadline = ?, r.called_at = NULL, r.called_by = NULL, c.status = ?, c.current_library = ?,"
      " c.transit_from = NULL, c.reservation_id = r.id, c.left_on_hold_shelf_at = NULL"
      " WHERE r.id = ? AND r.state IN (1, 2)",
      {copy.id, now, deadline, int64_t{kOnHoldShelf}, library, reservation_id});
  if (!n.ok()) return n.status();
  if (*n == 0) return false;
  copy.status = kOnHoldShelf;
  copy.current_library = library;
  copy.transit_from.reset();
  copy.reservation_id = reservation_id;
  return true;
}

absl::StatusOr<int64_t> MarkEnded(Tx& tx, int64_t reservation_id, int state, absl::Time now) {
  return tx.Execute("UPDATE reservation SET state = ?, ended_at = ? WHERE id = ? AND state IN (1, 2, 3)",
                    {int64_t{state}, now, reservation_id});
}

absl::Status InsertAudit(Tx& tx, const AuditEntry& e, absl::Time now) {
  return AppendAuditRecord(tx, AuditRecord{now, e.actor, e.action, e.target, e.detail, e.peer});
}

absl::StatusOr<std::vector<HoldShelfRow>> ListHoldShelf(Tx& tx, const std::string& library, bool telephone_only) {
  auto rows = tx.Query(absl::StrCat(kShelfSelect, "WHERE r.state = 3 AND r.pickup_library = ?",
                                    telephone_only ? " AND r.notify_method = 2" : "",
                                    " ORDER BY r.pickup_deadline, r.id"),
                       {library});
  if (!rows.ok()) return rows.status();
  std::vector<HoldShelfRow> out;
  for (const Row& r : *rows) out.push_back(ToShelfRow(r));
  return out;
}

absl::StatusOr<std::optional<HoldShelfRow>> FindHoldShelfRow(Tx& tx, int64_t reservation_id) {
  auto rows = tx.Query(absl::StrCat(kShelfSelect, "WHERE r.id = ?"), {reservation_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<HoldShelfRow>();
  return std::optional<HoldShelfRow>(ToShelfRow(rows->front()));
}

absl::StatusOr<int64_t> MarkCalled(Tx& tx, int64_t reservation_id, absl::Time now, const std::string& by) {
  return tx.Execute(
      "UPDATE reservation SET called_at = COALESCE(called_at, ?), called_by = COALESCE(called_by, ?)"
      " WHERE id = ? AND state = 3",
      {now, by, reservation_id});
}

absl::StatusOr<std::vector<PullRow>> ListPullList(Tx& tx, const std::string& library) {
  // The pickup library of the first in the queue (R9: the copy fetched goes to that reservation).
  constexpr char kHeadPickup[] =
      "(SELECT w.pickup_library FROM reservation w WHERE w.record_id = c.record_id AND w.state = 1"
      "  ORDER BY w.queue_number, w.id LIMIT 1)";
  // From the titles somebody waits for (few) to their free copies, in that order whatever the table statistics
  // say: led by the copies (half the catalogue's at each library), with statistics not yet gathered after an
  // import, the list took minutes.
  auto rows = tx.Query(
      absl::StrCat(
          "SELECT STRAIGHT_JOIN c.barcode, c.record_id, rec.title,"
          " (SELECT w.id FROM reservation w WHERE w.record_id = c.record_id AND w.state = 1"
          "  ORDER BY w.queue_number, w.id LIMIT 1), ",
          kHeadPickup, ", (SELECT COUNT(*) FROM reservation w WHERE w.record_id = c.record_id AND w.state = 1),"
          " c.left_on_hold_shelf_at IS NOT NULL"
          " FROM (SELECT DISTINCT w.record_id FROM reservation w WHERE w.state = 1) waited"
          " JOIN copy c ON c.record_id = waited.record_id JOIN record rec ON rec.id = c.record_id"
          " WHERE c.current_library = ? AND c.status = 1 AND c.reservation_id IS NULL AND rec.latest_issue = FALSE"
          // Another library's copy is not fetched to be sent when the pickup library's own free copies of that
          // type are enough for everyone waiting: they are on its pull list, and serve without a transit.
          " AND (", kHeadPickup, " = c.current_library OR (SELECT COUNT(*) FROM copy d WHERE"
          " d.record_id = c.record_id AND d.current_library = ", kHeadPickup,
          " AND d.material_type = c.material_type AND d.status = 1 AND d.reservation_id IS NULL)"
          " < (SELECT COUNT(*) FROM reservation w WHERE w.record_id = c.record_id AND w.state = 1))"
          " ORDER BY rec.id, c.barcode"),
      {library});
  if (!rows.ok()) return rows.status();
  std::vector<PullRow> out;
  for (const Row& r : *rows) {
    out.push_back({r.Str(0), r.Int(1), r.Str(2), r.Int(3), r.Str(4), static_cast<int>(r.Int(5)), r.Bool(6)});
  }
  return out;
}

absl::Status MarkLeftOnHoldShelf(Tx& tx, int64_t copy_id, absl::Time now) {
  return tx.Execute("UPDATE copy SET left_on_hold_shelf_at = ? WHERE id = ?", {now, copy_id}).status();
}

absl::StatusOr<std::vector<LeftOnHoldShelfRow>> ListLeftOnHoldShelf(Tx& tx, const std::string& library) {
  auto rows = tx.Query(
      "SELECT c.barcode, c.record_id, rec.title, c.left_on_hold_shelf_at FROM copy c JOIN record rec"
      " ON rec.id = c.record_id WHERE c.current_library = ? AND c.left_on_hold_shelf_at IS NOT NULL"
      // Somebody waits for the title: the copy is on the pull list, to be fetched from the hold shelf.
      " AND NOT EXISTS (SELECT 1 FROM reservation w WHERE w.record_id = c.record_id AND w.state = 1)"
      " ORDER BY c.left_on_hold_shelf_at, c.barcode",
      {library});
  if (!rows.ok()) return rows.status();
  std::vector<LeftOnHoldShelfRow> out;
  for (const Row& r : *rows) out.push_back({r.Str(0), r.Int(1), r.Str(2), r.Time(3)});
  return out;
}

absl::StatusOr<std::vector<TransitRow>> ListTransits(Tx& tx, const std::string& library, bool outgoing) {
  auto rows = tx.Query(
      absl::StrCat("SELECT c.barcode, c.record_id, rec.title, COALESCE(c.transit_from, ''), c.current_library,"
                   " c.reservation_id FROM copy c JOIN record rec ON rec.id = c.record_id WHERE c.status = 3 AND ",
                   outgoing ? "c.transit_from = ?" : "c.current_library = ?", " ORDER BY c.barcode"),
      {library});
  if (!rows.ok()) return rows.status();
  std::vector<TransitRow> out;
  for (const Row& r : *rows) {
    TransitRow t{r.Str(0), r.Int(1), r.Str(2), r.Str(3), r.Str(4), std::nullopt};
    if (!r.IsNull(5)) t.reservation_id = r.Int(5);
    out.push_back(std::move(t));
  }
  return out;
}

absl::StatusOr<std::optional<LatestIssue>> FindLatestIssue(Tx& tx, const std::string& series_title, bool lock) {
  auto rows = tx.Query(absl::StrCat("SELECT id, issue_number FROM record WHERE series_key = ? AND material_type = 3"
                                    " AND latest_issue = TRUE ORDER BY issue_number DESC LIMIT 1",
                                    lock ? " FOR UPDATE" : ""),
                       {SeriesKey(series_title)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<LatestIssue>();
  return std::optional<LatestIssue>(LatestIssue{rows->front().Int(0), static_cast<int>(rows->front().Int(1))});
}

absl::StatusOr<std::optional<int64_t>> FindIssue(Tx& tx, const std::string& series_title, int issue_number) {
  auto rows = tx.Query("SELECT id FROM record WHERE series_key = ? AND issue_number = ? AND material_type = 3"
                       " ORDER BY id LIMIT 1",
                       {SeriesKey(series_title), int64_t{issue_number}});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().Int(0));
}

absl::Status SetLatestIssue(Tx& tx, int64_t record_id, bool latest) {
  return tx.Execute("UPDATE record SET latest_issue = ? WHERE id = ?", {int64_t{latest ? 1 : 0}, record_id}).status();
}

absl::StatusOr<std::vector<int64_t>> ExpiredHolds(Tx& tx, absl::CivilDay today) {
  auto rows = tx.Query("SELECT id FROM reservation WHERE state = 3 AND pickup_deadline < ? ORDER BY id", {today});
  if (!rows.ok()) return rows.status();
  std::vector<int64_t> out;
  for (const Row& r : *rows) out.push_back(r.Int(0));
  return out;
}

}  // namespace shiori::store
