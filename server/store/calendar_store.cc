// See calendar_store.h.
#include "server/store/calendar_store.h"

#include <set>

#include "absl/strings/str_cat.h"

namespace shiori::store {
namespace {

constexpr char kExceptionColumns[] =
    "id, library_id, kind, start_date, end_date, reason, created_at, created_by, deleted_at IS NOT NULL,"
    " moved_due_dates, moved_pickup_deadlines, COALESCE(request_id, '')";

CalendarExceptionRow ToException(const Row& r) {
  CalendarExceptionRow e;
  e.id = r.Int(0);
  e.library_id = r.Str(1);
  e.kind = static_cast<CalendarExceptionKind>(r.Int(2));
  e.start_date = r.Day(3).value_or(absl::CivilDay());
  e.end_date = r.Day(4).value_or(e.start_date);
  e.reason = r.Str(5);
  e.created_at = r.Time(6);
  e.created_by = r.Str(7);
  e.deleted = r.Bool(8);
  e.moved_due_dates = static_cast<int>(r.Int(9));
  e.moved_pickup_deadlines = static_cast<int>(r.Int(10));
  e.request_id = r.Str(11);
  return e;
}

absl::StatusOr<std::optional<CalendarExceptionRow>> FirstException(absl::StatusOr<Rows> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<CalendarExceptionRow>();
  return std::optional<CalendarExceptionRow>(ToException(rows->front()));
}

}  // namespace

absl::StatusOr<std::optional<CalendarStamp>> ReadCalendarStamp(Tx& tx, const std::string& library_id,
                                                               bool share_lock) {
  // The lock is for the library row; the holiday batch is only compared with the one cached.
  auto rows = tx.Query(absl::StrCat("SELECT calendar_version, (SELECT COALESCE(MAX(batch), 0) FROM national_holiday)"
                                    " FROM library WHERE id = ?",
                                    share_lock ? " LOCK IN SHARE MODE" : ""),
                       {library_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<CalendarStamp>();
  return std::optional<CalendarStamp>(CalendarStamp{rows->front().Int(0), rows->front().Int(1)});
}

absl::Status BumpCalendarVersion(Tx& tx, const std::string& library_id) {
  return tx.Execute("UPDATE library SET calendar_version = calendar_version + 1 WHERE id = ?", {library_id}).status();
}

absl::StatusOr<std::vector<CalendarExceptionRow>> ListCalendarExceptions(Tx& tx, const std::string& library_id,
                                                                         bool share_lock) {
  auto rows = tx.Query(absl::StrCat("SELECT ", kExceptionColumns,
                                    " FROM calendar_exception WHERE library_id = ? AND deleted_at IS NULL"
                                    " ORDER BY start_date, id",
                                    share_lock ? " LOCK IN SHARE MODE" : ""),
                       {library_id});
  if (!rows.ok()) return rows.status();
  std::vector<CalendarExceptionRow> out;
  for (const Row& r : *rows) out.push_back(ToException(r));
  return out;
}

absl::StatusOr<std::optional<CalendarExceptionRow>> FindCalendarException(Tx& tx, int64_t id, bool lock) {
  return FirstException(tx.Query(
      absl::StrCat("SELECT ", kExceptionColumns, " FROM calendar_exception WHERE id = ?", lock ? " FOR UPDATE" : ""),
      {id}));
}

absl::StatusOr<std::optional<CalendarExceptionRow>> FindCalendarExceptionByRequest(Tx& tx,
                                                                                   const std::string& request_id) {
  return FirstException(tx.Query(
      absl::StrCat("SELECT ", kExceptionColumns, " FROM calendar_exception WHERE request_id = ?"), {request_id}));
}

absl::StatusOr<int64_t> InsertCalendarException(Tx& tx, const CalendarExceptionRow& e) {
  SqlValue request = TextOrNull(e.request_id);
  auto n = tx.Query(
      "INSERT INTO calendar_exception (library_id, kind, start_date, end_date, reason, created_at, created_by,"
      " request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {e.library_id, int64_t{static_cast<int>(e.kind)}, e.start_date, e.end_date, e.reason, e.created_at,
       e.created_by, request});
  if (!n.ok()) return n.status();
  return n->front().Int(0);
}

absl::Status SetCalendarExceptionMoved(Tx& tx, int64_t id, int moved_due_dates, int moved_pickup_deadlines) {
  return tx
      .Execute("UPDATE calendar_exception SET moved_due_dates = ?, moved_pickup_deadlines = ? WHERE id = ?",
               {int64_t{moved_due_dates}, int64_t{moved_pickup_deadlines}, id})
      .status();
}

absl::Status MarkCalendarExceptionDeleted(Tx& tx, int64_t id, absl::Time at, const std::string& by) {
  return tx
      .Execute("UPDATE calendar_exception SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL",
               {at, by, id})
      .status();
}

absl::StatusOr<int64_t> ImportedHolidayBatch(Tx& tx) {
  auto rows = tx.Query("SELECT COALESCE(MAX(batch), 0) FROM national_holiday");
  if (!rows.ok()) return rows.status();
  return rows->empty() ? 0 : rows->front().Int(0);
}

absl::StatusOr<std::vector<ImportedHoliday>> ListImportedHolidays(Tx& tx) {
  auto rows = tx.Query("SELECT day, name FROM national_holiday ORDER BY day");
  if (!rows.ok()) return rows.status();
  std::vector<ImportedHoliday> out;
  for (const Row& r : *rows) out.push_back({r.Day(0).value_or(absl::CivilDay()), r.Str(1)});
  return out;
}

absl::Status ReplaceImportedHolidayYears(Tx& tx, const std::vector<ImportedHoliday>& holidays, absl::Time now) {
  auto batch = ImportedHolidayBatch(tx);
  if (!batch.ok()) return batch.status();
  std::set<int64_t> years;
  for (const auto& h : holidays) years.insert(h.day.year());
  for (int64_t y : years) {
    auto n = tx.Execute("DELETE FROM national_holiday WHERE day BETWEEN ? AND ?",
                        {absl::CivilDay(y, 1, 1), absl::CivilDay(y, 12, 31)});
    if (!n.ok()) return n.status();
  }
  for (const auto& h : holidays) {
    auto n = tx.Execute("INSERT INTO national_holiday (day, name, batch, imported_at) VALUES (?, ?, ?, ?)",
                        {h.day, h.name, *batch + 1, now});
    if (!n.ok()) return n.status();
  }
  return absl::OkStatus();
}

}  // namespace shiori::store
