// The library calendar use cases (L1–L3, R11, B3): reading a library's days, and staff adding or removing
// one-off closures (蔵書点検 …) and exceptional openings (臨時開館). A change writes the library row first, then
// the closure, moves the stored due dates and pickup deadlines that now fall on closed days, and writes the
// audit log — all in one transaction. Staff may change only the calendars of their own libraries; admins any.
#ifndef SHIORI_SERVER_APP_LIBRARY_CALENDARS_H_
#define SHIORI_SERVER_APP_LIBRARY_CALENDARS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "server/app/caller.h"
#include "server/app/deadline_moves.h"
#include "server/app/service_context.h"
#include "server/policy/library_calendar.h"
#include "server/store/calendar_store.h"

namespace shiori::app {

// The longest range GetLibraryCalendar answers, and the longest closure or opening.
inline constexpr int kMaxCalendarRangeDays = 400;
inline constexpr int kMaxExceptionDays = 366;

struct CalendarRange {
  std::string library_id;
  std::vector<policy::DayDescription> days;
  // Staff's closures and openings overlapping the range.
  std::vector<store::CalendarExceptionRow> closures;
  std::vector<store::CalendarExceptionRow> openings;
};

// Days `first` to `last` inclusive (unset: today, and 30 days after the first). NOT_FOUND for an unknown
// library; INVALID_ARGUMENT for a range that ends before it starts or is longer than kMaxCalendarRangeDays.
absl::StatusOr<CalendarRange> GetLibraryCalendar(const ServiceContext& ctx, const std::string& library_id,
                                                 std::optional<absl::CivilDay> first,
                                                 std::optional<absl::CivilDay> last);

struct CalendarExceptionInput {
  std::string library_id;
  store::CalendarExceptionKind kind = store::CalendarExceptionKind::kClosure;
  std::optional<absl::CivilDay> start_date;
  std::optional<absl::CivilDay> end_date;  // unset: the start date only
  std::string reason;
  std::string request_id;
  bool validate_only = false;
};

struct CalendarExceptionResult {
  store::CalendarExceptionRow row;  // id 0 for validate_only
  MovedDeadlines moved;
};

// Adds a closure or an opening. A request_id seen before returns the entry it made. Refusals:
// PERMISSION_DENIED NOT_STAFF_OF_LIBRARY (P10); INVALID_ARGUMENT (start_date, end_date, reason) for a missing
// start, an end before the start, a range over kMaxExceptionDays or days before today, an empty or over-long
// reason; NOT_FOUND for an unknown library; FAILED_PRECONDITION CALENDAR_NO_OPEN_DAY when a date that must
// move finds no open day.
absl::StatusOr<CalendarExceptionResult> CreateCalendarException(const ServiceContext& ctx, const Caller& caller,
                                                                const CalendarExceptionInput& input);

// Removes a closure or an opening (the row stays, marked removed). Removing one already removed is OK.
// Removing an opening moves dates that now fall on closed days; removing a closure moves nothing (dates
// already moved stay, as patrons were told). NOT_FOUND when `id` is not an entry of that kind and library.
absl::StatusOr<CalendarExceptionResult> DeleteCalendarException(const ServiceContext& ctx, const Caller& caller,
                                                                const std::string& library_id,
                                                                store::CalendarExceptionKind kind, int64_t id);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_LIBRARY_CALENDARS_H_
