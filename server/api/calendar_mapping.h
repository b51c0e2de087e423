// Calendar API messages ↔ domain values: google.type.Date ↔ civil days, staff's closures and openings, and
// their resource names (`libraries/main/closures/12`).
#ifndef SHIORI_SERVER_API_CALENDAR_MAPPING_H_
#define SHIORI_SERVER_API_CALENDAR_MAPPING_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "google/type/date.pb.h"
#include "server/app/library_calendars.h"
#include "shiori/v1/calendar.pb.h"
#include "shiori/v1/library.pb.h"

namespace shiori::api {

// nullopt for an unset date (all zero); INVALID_ARGUMENT naming `field` for a day that does not exist.
absl::StatusOr<std::optional<absl::CivilDay>> FromDate(const google::type::Date& date, absl::string_view field,
                                                       bool is_set);

struct CalendarEntryName {
  std::string library_id;
  int64_t id = 0;
};
// "libraries/{library}/{collection}/{id}" → parts; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<CalendarEntryName> ParseCalendarEntryName(absl::string_view name, absl::string_view collection,
                                                         absl::string_view field);

void ToClosure(const store::CalendarExceptionRow& row, v1::Closure* out);
void ToOpening(const store::CalendarExceptionRow& row, v1::ExceptionalOpening* out);
void ToCalendarResponse(const app::CalendarRange& range, v1::GetCalendarResponse* out);

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_CALENDAR_MAPPING_H_
