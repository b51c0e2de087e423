// Importing the government's national holiday table (内閣府 syukujitsu.csv) into the database (L2): for every
// year the file covers, its rows replace the computed holidays on every server. Dates already stored (due dates,
// pickup deadlines) that now fall on a closed day move to the next open day (R11, B3), in the same transaction.
#ifndef SHIORI_SERVER_APP_HOLIDAY_IMPORT_H_
#define SHIORI_SERVER_APP_HOLIDAY_IMPORT_H_

#include <map>
#include <set>
#include <utility>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/app/deadline_moves.h"
#include "server/app/service_context.h"

namespace shiori::app {

struct HolidayImportResult {
  int holidays = 0;     // rows imported
  std::set<int> years;  // years now taken from the table
  MovedDeadlines moved;
  // Years for which the file has fewer holidays than the law gives (year → {in the file, by the law}): the file
  // replaces the whole year, so a file of a few rows (one announced change) drops the rest. Imported as
  // documented; the caller warns.
  std::map<int, std::pair<int, int>> fewer_than_the_law;
};

// `bytes` as read from the file (Shift_JIS or UTF-8). `actor` names who ran it, for the audit log.
// Errors: those of policy::ParseHolidayCsv (INVALID_ARGUMENT with the line); FAILED_PRECONDITION
// CALENDAR_READ_ONLY when ctx.calendars is not a DatabaseCalendarBook.
absl::StatusOr<HolidayImportResult> ImportHolidayCsv(const ServiceContext& ctx, absl::string_view bytes,
                                                     const std::string& actor);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_HOLIDAY_IMPORT_H_
