// Moving stored dates off days that a calendar change closed (R11, B3): due dates of open loans lent at the
// library and pickup deadlines of reservations secured there go to the next open day. Runs inside the
// transaction of the change, after it wrote the library row, so no date is computed against the old calendar
// meanwhile.
#ifndef SHIORI_SERVER_APP_DEADLINE_MOVES_H_
#define SHIORI_SERVER_APP_DEADLINE_MOVES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "server/policy/japanese_holidays.h"
#include "server/policy/library_calendar.h"
#include "server/store/database.h"

namespace shiori::app {

struct MovedDeadlines {
  int due_dates = 0;
  int pickup_deadlines = 0;
};

// Every stored date of `calendar`'s library from `first` to `last` that falls on a day closed by `calendar`
// moves to its next open day. With `dry_run` only counts. Errors: CALENDAR_NO_OPEN_DAY when no open day is
// found within `max_search_days` (the change is then refused as a whole).
absl::StatusOr<MovedDeadlines> MoveDeadlinesOffClosedDays(store::Tx& tx, const policy::LibraryCalendar& calendar,
                                                          const policy::HolidayCalendar& holidays,
                                                          absl::CivilDay first, absl::CivilDay last,
                                                          int max_search_days, bool dry_run);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_DEADLINE_MOVES_H_
