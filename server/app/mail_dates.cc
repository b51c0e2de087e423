// See mail_dates.h.
#include "server/app/mail_dates.h"

#include "absl/strings/str_format.h"
#include "server/common/clock.h"

namespace shiori::app {
namespace {

constexpr const char* kWeekdays[] = {"月", "火", "水", "木", "金", "土", "日"};  // Monday first, as absl's

const char* WeekdayOf(absl::CivilDay day) { return kWeekdays[static_cast<int>(absl::GetWeekday(day))]; }

}  // namespace

std::string JapaneseDate(absl::CivilDay day) {
  return absl::StrFormat("%d年%d月%d日（%s）", day.year(), day.month(), day.day(), WeekdayOf(day));
}

std::string JapaneseDateTime(absl::Time t) {
  const absl::CivilSecond s = absl::ToCivilSecond(t, TokyoZone());
  return absl::StrFormat("%s%02d:%02d", JapaneseDate(absl::CivilDay(s)), s.hour(), s.minute());
}

}  // namespace shiori::app
