// See reservation_store.h.
#include "server/store/reservation_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/store/patron_email_store.h"

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
  // The title as a subquery: a primary-key look-up, and not a locking read.
  auto rows = tx.Query(absl::StrCat("SELECT ", kColumns, ", (SELECT rec.title FROM record rec WHERE rec.id = r.record_id)"
                                    " FROM reservation r WHERE r.id = ?",
                                    lock ? " FOR UPDATE" : ""),
                       {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ReservationRow>();
  ReservationRow r = ToReservation(rows->front());
  r.title = rows->front().Str(14);
  return std::optional<ReservationRow>(std::move(r));
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

absl::StatusOr<PlacementRead> ReadPlacement(Tx& tx, int64_t patron_id, int64_t record_id,
                                            const std::string& pickup_library, const std::string& request_id,
                                            const std::vector<int>& counted_states) {
  const std::string counted =
      counted_states.empty()
          ? "0"
          : absl::StrCat("(SELECT COUNT(*) FROM reservation b WHERE b.patron_id = ? AND b.state IN (",
                         absl::StrJoin(counted_states, ","), "))");
  // Without a request id the match is with NULL, which matches nothing.
  const SqlValue request = TextOrNull(request_id);
  std::vector<SqlValue> params = {request, patron_id, pickup_library, patron_id, patron_id};
  if (!counted_states.empty()) params.push_back(patron_id);
  params.push_back(patron_id);
  params.push_back(patron_id);
  params.push_back(request);
  params.push_back(record_id);
  auto rows = tx.Query(
      absl::StrCat(
          // The reservation of the request id, whoever placed it (the patron's own first, should an old
          // database hold the id for two patrons).
          "SELECT (SELECT q.id FROM reservation q WHERE q.request_id = ? ORDER BY q.patron_id = ? DESC LIMIT 1),"
          " (SELECT l.pickup_location FROM library l WHERE l.id = ?),"
          " r.id IS NOT NULL, r.title,"
          " (SELECT GROUP_CONCAT(DISTINCT c.material_type ORDER BY c.material_type) FROM copy c"
          " WHERE c.record_id = r.id),"
          " EXISTS (SELECT 1 FROM reservation a WHERE a.patron_id = ? AND a.active_record_id = r.id),"
          " EXISTS (SELECT 1 FROM loan o WHERE o.patron_id = ? AND o.record_id = r.id AND o.returned_at IS NULL),"
          " ", counted, ",",
          // The hold-notice choice as "method slot", and the slots with a confirmed address.
          " (SELECT CONCAT(p.hold_notice_method, ' ', COALESCE(p.hold_notice_slot, 0)) FROM patron p WHERE p.id = ?),"
          " (SELECT GROUP_CONCAT(e.slot ORDER BY e.slot) FROM patron_email e"
          " WHERE e.patron_id = ? AND e.confirmed_at IS NOT NULL),"
          " EXISTS (SELECT 1 FROM erased_request x WHERE x.request_id = ?)"
          // One row even when the record does not exist: the record is outer-joined to a one-row table.
          " FROM (SELECT 1) one LEFT JOIN record r ON r.id = ?"),
      params);
  if (!rows.ok()) return rows.status();
  const Row& row = rows->at(0);
  PlacementRead out;
  if (!row.IsNull(0)) out.request_match = row.Int(0);
  if (!row.IsNull(1)) out.pickup_location = row.Bool(1);
  out.record_exists = row.Bool(2);
  out.title = row.Str(3);
  for (absl::string_view t : absl::StrSplit(row.Str(4), ',', absl::SkipEmpty())) {
    out.copy_types.push_back(std::stoi(std::string(t)));
  }
  out.already_reserved = row.Bool(5);
  out.on_loan = row.Bool(6);
  out.counted = static_cast<int>(row.Int(7));
  HoldNoticeChoice choice;
  const std::string choice_text = row.Str(8);
  std::vector<absl::string_view> method_slot = absl::StrSplit(choice_text, ' ');
  if (method_slot.size() == 2) {
    int slot = 0;
    if (!absl::SimpleAtoi(method_slot[0], &choice.method)) choice.method = kHoldNoticeUnset;
    if (absl::SimpleAtoi(method_slot[1], &slot) && slot > 0) choice.slot = slot;
  }
  std::vector<int> confirmed;
  for (absl::string_view t : absl::StrSplit(row.Str(9), ',', absl::SkipEmpty())) {
    int slot = 0;
    if (absl::SimpleAtoi(t, &slot)) confirmed.push_back(slot);
  }
  out.request_erased = row.Bool(10);
  out.mail_address = MailSlot(choice, confirmed).has_value();
  out.mail_by_default = out.mail_address && choice.method != kHoldNoticeTelephone;
  return out;
}

absl::StatusOr<std::optional<ReservationRow>> FirstWaiting(Tx& tx, int64_t record_id) {
  // The queue index (record_id, state, queue_number) gives the head first: only its row is read and locked.
  return One(tx.Query(absl::StrCat("SELECT ", kColumns,
                                   " FROM reservation r WHERE r.record_id = ? AND r.state = 1"
                                   " ORDER BY r.queue_number, r.id LIMIT 1 FOR UPDATE"),
                      {record_id}));
}

absl::StatusOr<int> QueuePosition(Tx& tx, const ReservationRow& r) {
  if (r.state != 1) return 0;
  auto rows = tx.Query("SELECT COUNT(*) FROM reservation WHERE record_id = ? AND state = 1 AND queue_number < ?",
                       {r.record_id, r.queue_number});
  if (!rows.ok()) return rows.status();
  return 1 + static_cast<int>(rows->at(0).Int(0));
}

absl::StatusOr<QueueTicket> NextQueueNumber(Tx& tx, int64_t record_id) {
  auto n = tx.Execute("UPDATE record SET queue_tail = LAST_INSERT_ID(queue_tail + 1) WHERE id = ?", {record_id});
  if (!n.ok()) return n.status();
  // The record row is locked now, so no other placement on the title can come in before this one is inserted
  // (a cancellation can still end a waiting one meanwhile: the position is as of this moment).
  auto rows = tx.Query("SELECT LAST_INSERT_ID(), (SELECT COUNT(*) FROM reservation WHERE record_id = ? AND state = 1)",
                       {record_id});
  if (!rows.ok()) return rows.status();
  return QueueTicket{rows->at(0).Int(0), static_cast<int>(rows->at(0).Int(1))};
}

absl::StatusOr<int64_t> InsertReservation(Tx& tx, const ReservationRow& r) {
  SqlValue request = TextOrNull(r.request_id);
  auto n = tx.Query(
      "INSERT INTO reservation (patron_id, record_id, pickup_library, notify_method, channel, state, queue_number,"
      " created_at, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {r.patron_id, r.record_id, r.pickup_library, int64_t{r.notify_method}, int64_t{r.channel}, int64_t{r.state},
       r.queue_number, r.created_at, request});
  if (!n.ok()) return n.status();
  return n->front().Int(0);
}

absl::Status SetReservationEnded(Tx& tx, int64_t id, int state, absl::Time now) {
  return tx.Execute("UPDATE reservation SET state = ?, ended_at = ? WHERE id = ?", {int64_t{state}, now, id}).status();
}

}  // namespace shiori::store
