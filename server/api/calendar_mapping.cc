// See calendar_mapping.h.
#include "server/api/calendar_mapping.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/api/proto_mapping.h"
#include "server/app/calendar_book.h"
#include "server/common/error.h"
#include "server/common/utf8_chars.h"

namespace shiori::api {

absl::StatusOr<std::optional<absl::CivilDay>> FromDate(const google::type::Date& date, absl::string_view field,
                                                       bool is_set) {
  if (!is_set || (date.year() == 0 && date.month() == 0 && date.day() == 0)) return std::optional<absl::CivilDay>();
  const absl::CivilDay day(date.year(), date.month(), date.day());
  if (date.year() < 1900 || date.year() > 9999 || day.year() != date.year() || day.month() != date.month() ||
      day.day() != date.day()) {
    return InvalidField(field, absl::StrCat("no such day: ", date.year(), "-", date.month(), "-", date.day()));
  }
  return std::optional<absl::CivilDay>(day);
}

absl::StatusOr<CalendarEntryName> ParseCalendarEntryName(absl::string_view name, absl::string_view collection,
                                                         absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  CalendarEntryName out;
  absl::StatusOr<int64_t> id = parts.size() == 4 ? ParseId(parts[3], collection, field) : absl::StatusOr<int64_t>(0);
  if (parts.size() != 4 || parts[0] != "libraries" || parts[1].empty() || parts[2] != collection || !id.ok() ||
      *id <= 0) {
    return InvalidField(field, absl::StrCat("expected libraries/{library}/", collection, "/{id}, got '",
                                            Utf8Prefix(name, 80), "'"));
  }
  out.id = *id;
  out.library_id = std::string(parts[1]);
  return out;
}

void ToClosure(const store::CalendarExceptionRow& row, v1::Closure* out) {
  if (row.id != 0) out->set_name(app::CalendarExceptionName(row));
  ToDate(row.start_date, out->mutable_start_date());
  ToDate(row.end_date, out->mutable_end_date());
  out->set_reason(row.reason);
}

void ToOpening(const store::CalendarExceptionRow& row, v1::ExceptionalOpening* out) {
  if (row.id != 0) out->set_name(app::CalendarExceptionName(row));
  ToDate(row.start_date, out->mutable_start_date());
  ToDate(row.end_date, out->mutable_end_date());
  out->set_reason(row.reason);
}

void ToCalendarResponse(const app::CalendarRange& range, v1::GetCalendarResponse* out) {
  out->set_library(LibraryName(range.library_id));
  for (const auto& d : range.days) *out->add_days() = policy::ToProto(d);
  for (const auto& c : range.closures) ToClosure(c, out->add_closures());
  for (const auto& o : range.openings) ToOpening(o, out->add_openings());
}

}  // namespace shiori::api
