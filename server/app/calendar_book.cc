// See calendar_book.h.
#include "server/app/calendar_book.h"

#include <google/protobuf/text_format.h>

#include "absl/strings/str_cat.h"
#include "server/app/config_files.h"
#include "server/common/error.h"

namespace shiori::app {

absl::StatusOr<std::unique_ptr<ConfigCalendarBook>> ConfigCalendarBook::Load(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return FromText(*text, path);
}

absl::StatusOr<std::unique_ptr<ConfigCalendarBook>> ConfigCalendarBook::FromText(const std::string& text,
                                                                                const std::string& file_name) {
  v1::CalendarConfig config;
  if (!google::protobuf::TextFormat::ParseFromString(text, &config)) {
    return Error(absl::StatusCode::kInvalidArgument, "CALENDAR_INVALID", "カレンダー設定を読めません")
        .Meta("file", file_name)
        .English(absl::StrCat("cannot parse ", file_name));
  }
  auto calendars = policy::CalendarsFromConfig(config);
  if (!calendars.ok()) return calendars.status();
  auto book = std::unique_ptr<ConfigCalendarBook>(new ConfigCalendarBook());
  for (auto& c : *calendars) {
    std::string id = c.library_id();
    book->calendars_.emplace(std::move(id), std::move(c));
  }
  return book;
}

absl::StatusOr<policy::LibraryCalendar> ConfigCalendarBook::CalendarOf(store::Tx&, const std::string& id) const {
  auto it = calendars_.find(id);
  if (it == calendars_.end()) return NotFoundError("calendar", absl::StrCat("libraries/", id));
  return it->second;
}

absl::StatusOr<absl::CivilDay> DeadlineAt(const CalendarBook& book, store::Tx& tx, const std::string& library_id,
                                          absl::CivilDay from, int days, int max_search_days) {
  auto cal = book.CalendarOf(tx, library_id);
  if (!cal.ok()) return cal.status();
  return policy::DeadlineAfter(*cal, book.holidays(), from, days, max_search_days);
}

}  // namespace shiori::app
