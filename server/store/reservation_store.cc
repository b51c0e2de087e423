// See reservation_store.h.
#include "server/store/reservation_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace shiori::store {
namespace {

constexpr char kColumns[] =
    "r.id, r.patron_id, r.record_id, r.pickup_library, r.notify_method, r.channel, r.state, r.queue_number,"
    " r.copy_id, r.created_at, r.secured_at, r.pickup_deadline, r.notice_failed, COALESCE(r.request_id, '')";

ReservationRow ToReservation(const Row& row) {
  ReservationRow r;
  r.id = row.Int(0);
  r.patron_id = row.Int(1);
  r.record_id = row.Int(2);
  r.pickup_library = row.Str(3);
  r.notify_method = static_cast<int>(row.Int(4));
  r.channel = static_cast<int>(row.Int(5));
  r.state = static_cast<int>(row.Int(6));
  r.queue_number = row.Int(7);
  if (!row.IsNull(8)) r.copy_id = row.Int(8);
  r.created_at = row.Time(9);
  if (!row.IsNull(10)) r.secured_at = row.Time(10);
  r.pickup_deadline = row.Day(11);
  r.notice_failed = row.Bool(12);
  r.request_id = row.Str(13);
  return r;
}

absl::StatusOr<std::optional<ReservationRow>> One(absl::StatusOr<Rows> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ReservationRow>();
  return std::optional<ReservationRow>(ToReservation(rows->front()));
}

}  // namespace

absl::StatusOr<std::optional<ReservationRow>> FindReservation(Tx& tx, int64_t id, bool lock) {
  return One(tx.Query(absl::StrCat("SELECT ", kColumns, " FROM reservation r WHERE r.id = ?", lock ? " FOR UPDATE" : ""),
                      {id}));
}

absl::StatusOr<std::optional<ReservationRow>> FindReservationByRequest(Tx& tx, int64_t patron_id,
                                                                       const std::string& request_id) {
  return One(tx.Query(absl::StrCat("SELECT ", kColumns, " FROM reservation r WHERE r.patron_id = ? AND r.request_id = ?"),
                      {patron_id, request_id}));
}

absl::StatusOr<std::vector<ReservationRow>> ListPatronReservations(Tx& tx, int64_t patron_id,
                                                                   const std::vector<int>& states) {
  std::vector<ReservationRow> out;
  if (states.empty()) return out;
  // The position counts waiting reservations of the same title with a smaller queue number (R8: no gaps).
  auto rows = tx.Query(
      absl::StrCat("SELECT ", kColumns, ", rec.title,"
                   " IF(r.state = 1, 1 + (SELECT COUNT(*) FROM reservation a WHERE a.record_id = r.record_id"
                   " AND a.state = 1 AND a.queue_number < r.queue_number), 0)"
                   " FROM reservation r JOIN record rec ON rec.id = r.record_id"
                   " WHERE r.patron_id = ? AND r.state IN (",
                   absl::StrJoin(states, ","), ") ORDER BY FIELD(r.state, 1, 2, 3) , r.created_at, r.id"),
      {patron_id});
  if (!rows.ok()) return rows.status();
  for (const Row& row : *rows) {
    ReservationRow r = ToReservation(row);
    r.title = row.Str(14);
    r.queue_position = static_cast<int>(row.Int(15));
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<int> CountPatronReservations(Tx& tx, int64_t patron_id, const std::vector<int>& states) {
  if (states.empty()) return 0;
  auto rows = tx.Query(absl::StrCat("SELECT COUNT(*) FROM reservation WHERE patron_id = ? AND state IN (",
                                    absl::StrJoin(states, ","), ")"),
                       {patron_id});
  if (!rows.ok()) return rows.status();
  return static_cast<int>(rows->at(0).Int(0));
}

absl::StatusOr<bool> PatronHasActiveReservation(Tx& tx, int64_t patron_id, int64_t record_id) {
  auto rows = tx.Query("SELECT 1 FROM reservation WHERE patron_id = ? AND active_record_id = ?", {patron_id, record_id});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

absl::StatusOr<int> QueuePosition(Tx& tx, const ReservationRow& r) {
  if (r.state != 1) return 0;
  auto rows = tx.Query("SELECT COUNT(*) FROM reservation WHERE record_id = ? AND state = 1 AND queue_number < ?",
                       {r.record_id, r.queue_number});
  if (!rows.ok()) return rows.status();
  return 1 + static_cast<int>(rows->at(0).Int(0));
}

absl::StatusOr<int64_t> NextQueueNumber(Tx& tx, int64_t record_id) {
  auto n = tx.Execute("UPDATE record SET queue_tail = LAST_INSERT_ID(queue_tail + 1) WHERE id = ?", {record_id});
  if (!n.ok()) return n.status();
  return tx.LastInsertId();
}

absl::StatusOr<int64_t> InsertReservation(Tx& tx, const ReservationRow& r) {
  SqlValue request = r.request_id.empty() ? SqlValue(Null{}) : SqlValue(r.request_id);
  auto n = tx.Execute(
      "INSERT INTO reservation (patron_id, record_id, pickup_library, notify_method, channel, state, queue_number,"
      " created_at, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.patron_id, r.record_id, r.pickup_library, int64_t{r.notify_method}, int64_t{r.channel}, int64_t{r.state},
       r.queue_number, r.created_at, request});
  if (!n.ok()) return n.status();
  return tx.LastInsertId();
}

absl::Status SetReservationEnded(Tx& tx, int64_t id, int state, absl::Time now) {
  return tx.Execute("UPDATE reservation SET state = ?, ended_at = ? WHERE id = ?", {int64_t{state}, now, id}).status();
}

absl::StatusOr<std::vector<int>> CopyTypesOfRecord(Tx& tx, int64_t record_id) {
  auto rows = tx.Query("SELECT DISTINCT material_type FROM copy WHERE record_id = ? ORDER BY material_type", {record_id});
  if (!rows.ok()) return rows.status();
  std::vector<int> out;
  for (const Row& r : *rows) out.push_back(static_cast<int>(r.Int(0)));
  return out;
}

absl::StatusOr<bool> PatronHasRecordOnLoan(Tx& tx, int64_t patron_id, int64_t record_id) {
  auto rows = tx.Query("SELECT 1 FROM loan WHERE patron_id = ? AND record_id = ? AND returned_at IS NULL LIMIT 1",
                       {patron_id, record_id});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

}  // namespace shiori::store
