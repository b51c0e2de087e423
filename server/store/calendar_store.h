// The libraries' calendars in MariaDB (L1–L3): staff's one-off closures and exceptional openings, the version
// that every calendar change writes, and the imported national holiday table.
#ifndef SHIORI_SERVER_STORE_CALENDAR_STORE_H_
#define SHIORI_SERVER_STORE_CALENDAR_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace shiori::store {

enum class CalendarExceptionKind { kClosure = 1, kOpening = 2 };

struct CalendarExceptionRow {
  int64_t id = 0;
  std::string library_id;
  CalendarExceptionKind kind = CalendarExceptionKind::kClosure;
  absl::CivilDay start_date;
  absl::CivilDay end_date;  // inclusive
  std::string reason;
  absl::Time created_at;
  std::string created_by;
  bool deleted = false;
  int moved_due_dates = 0;
  int moved_pickup_deadlines = 0;
  std::string request_id;
};

// What a cached calendar is checked against, in one read: the library's calendar version (bumped by every
// closure or opening) and the newest imported holiday batch (ImportedHolidayBatch).
struct CalendarStamp {
  int64_t calendar_version = 0;
  int64_t holiday_batch = 0;
};
// nullopt for an unknown library. With `share_lock` the library row is read LOCK IN SHARE MODE: a calendar
// change (which writes the row) then waits for this transaction, and this one for it.
absl::StatusOr<std::optional<CalendarStamp>> ReadCalendarStamp(Tx& tx, const std::string& library_id,
                                                               bool share_lock);
// Writes the library row (calendar_version + 1): every change of a calendar does this first.
absl::Status BumpCalendarVersion(Tx& tx, const std::string& library_id);

// The library's closures and openings that are not removed, by start date. With `share_lock` a locking read,
// which sees the latest committed rows whatever the transaction's snapshot.
absl::StatusOr<std::vector<CalendarExceptionRow>> ListCalendarExceptions(Tx& tx, const std::string& library_id,
                                                                         bool share_lock = false);
absl::StatusOr<std::optional<CalendarExceptionRow>> FindCalendarException(Tx& tx, int64_t id, bool lock);
absl::StatusOr<std::optional<CalendarExceptionRow>> FindCalendarExceptionByRequest(Tx& tx,
                                                                                   const std::string& request_id);
// Inserts and returns the new id; ALREADY_EXISTS when the request id was used.
absl::StatusOr<int64_t> InsertCalendarException(Tx& tx, const CalendarExceptionRow& row);
absl::Status SetCalendarExceptionMoved(Tx& tx, int64_t id, int moved_due_dates, int moved_pickup_deadlines);
absl::Status MarkCalendarExceptionDeleted(Tx& tx, int64_t id, absl::Time at, const std::string& by);

struct ImportedHoliday {
  absl::CivilDay day;
  std::string name;
};

// The newest import's batch number (0 when nothing was ever imported): a cheap way to notice a new table.
absl::StatusOr<int64_t> ImportedHolidayBatch(Tx& tx);
absl::StatusOr<std::vector<ImportedHoliday>> ListImportedHolidays(Tx& tx);
// Replaces, for every year that has a day in `holidays`, that year's stored rows by these (one new batch).
absl::Status ReplaceImportedHolidayYears(Tx& tx, const std::vector<ImportedHoliday>& holidays, absl::Time now);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_CALENDAR_STORE_H_
