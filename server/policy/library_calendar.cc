// See library_calendar.h.
#include "server/policy/library_calendar.h"

#include <optional>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/common/error.h"

namespace shiori::policy {
namespace {

constexpr const char* kWeekdayNamesJa[7] = {"月", "火", "水", "木", "金", "土", "日"};

// Monday = 0 … Sunday = 6, the order of both absl::Weekday and shiori.v1.Weekday.
int WeekdayIndex(absl::Weekday w) { return static_cast<int>(w); }
absl::Weekday FromProtoWeekday(shiori::v1::Weekday w) { return static_cast<absl::Weekday>(static_cast<int>(w) - 1); }
bool ValidWeekday(int w) { return w != shiori::v1::WEEKDAY_UNSPECIFIED && shiori::v1::Weekday_IsValid(w); }

absl::Status Invalid(absl::string_view field, absl::string_view problem_ja, absl::string_view problem_en) {
  return Error(absl::StatusCode::kInvalidArgument, "CALENDAR_INVALID",
               absl::StrCat("カレンダーの設定に誤りがあります（", field, "）: ", problem_ja))
      .Rule("L2")
      .Field(std::string(field), std::string(problem_en))
      .English(absl::StrCat(field, ": ", problem_en));
}

// A full date (year 1–9999) that exists, or nullopt.
std::optional<absl::CivilDay> DayOf(const google::type::Date& d) {
  if (d.year() < 1 || d.year() > 9999) return std::nullopt;
  const absl::CivilDay day(d.year(), d.month(), d.day());
  if (day.month() != d.month() || day.day() != d.day()) return std::nullopt;
  return day;
}

// A month and day (year 0) that exists in some year: 02-29 is allowed and simply matches leap years only.
bool ValidMonthDay(const google::type::Date& d) {
  if (d.year() != 0 || d.month() < 1 || d.month() > 12) return false;
  const absl::CivilDay leap(2000, d.month(), d.day());
  return d.day() >= 1 && leap.month() == d.month() && leap.day() == d.day();
}

// "HH:MM", 00:00–23:59, in minutes after midnight.
std::optional<int> MinuteOf(absl::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  if (!absl::ascii_isdigit(text[0]) || !absl::ascii_isdigit(text[1]) || !absl::ascii_isdigit(text[3]) ||
      !absl::ascii_isdigit(text[4]) || !absl::SimpleAtoi(text.substr(0, 2), &h) ||
      !absl::SimpleAtoi(text.substr(3, 2), &m) || h > 23 || m > 59) {
    return std::nullopt;
  }
  return h * 60 + m;
}

std::string FormatMinute(int minute) { return absl::StrFormat("%02d:%02d", minute / 60, minute % 60); }

std::string FormatDay(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::string MonthlyReason(int week, absl::Weekday weekday) {
  const char* name = kWeekdayNamesJa[WeekdayIndex(weekday)];
  return week < 0 ? absl::StrCat("最終", name, "曜日") : absl::StrCat("第", week, name, "曜日");
}

}  // namespace

// The validating builder and the day rule, with access to LibraryCalendar's parts.
struct CalendarRules {
  template <typename Message>
  static absl::Status AddRange(const Message& m, absl::string_view field, std::vector<LibraryCalendar::DayRange>* out) {
    std::optional<absl::CivilDay> first = DayOf(m.start_date());
    if (!m.has_start_date() || !first.has_value()) {
      return Invalid(absl::StrCat(field, ".start_date"), "開始日が正しい日付ではありません",
                     "must be a full, existing date");
    }
    absl::CivilDay last = *first;
    if (m.has_end_date()) {
      std::optional<absl::CivilDay> end = DayOf(m.end_date());
      if (!end.has_value()) {
        return Invalid(absl::StrCat(field, ".end_date"), "終了日が正しい日付ではありません",
                       "must be a full, existing date");
      }
      if (*end < *first) {
        return Invalid(absl::StrCat(field, ".end_date"), "終了日が開始日より前です", "must not be before start_date");
      }
      last = *end;
    }
    if (m.reason().empty()) return Invalid(absl::StrCat(field, ".reason"), "理由がありません", "is required");
    out->push_back({*first, last, m.reason()});
    return absl::OkStatus();
  }

  static absl::StatusOr<LibraryCalendar> Build(const shiori::v1::LibraryCalendar& p, absl::string_view prefix) {
    auto f = [prefix](absl::string_view field) { return absl::StrCat(prefix, field); };
    LibraryCalendar c;
    c.proto_ = p;
    if (p.library_id().empty()) return Invalid(f("library_id"), "図書館IDがありません", "is required");

    for (int i = 0; i < p.closed_weekdays_size(); ++i) {
      const int w = p.closed_weekdays(i);
      if (!ValidWeekday(w)) {
        return Invalid(f(absl::StrCat("closed_weekdays[", i, "]")), "曜日が正しくありません", "not a weekday");
      }
      c.closed_weekday_[WeekdayIndex(FromProtoWeekday(static_cast<shiori::v1::Weekday>(w)))] = true;
    }
    c.weekday_reason_ = p.closed_weekday_reason().empty() ? "定休日" : p.closed_weekday_reason();

    c.closed_on_holidays_ = p.national_holidays().closed();
    c.open_on_sunday_holidays_ = p.national_holidays().open_on_sunday();
    c.holiday_reason_ = p.national_holidays().reason().empty() ? "祝日" : p.national_holidays().reason();

    for (int i = 0; i < p.monthly_closures_size(); ++i) {
      const auto& m = p.monthly_closures(i);
      const std::string field = f(absl::StrCat("monthly_closures[", i, "]"));
      if (!((m.week() >= 1 && m.week() <= 5) || m.week() == -1)) {
        return Invalid(absl::StrCat(field, ".week"), "第何週かは1〜5または-1（最終）です", "must be 1..5 or -1 (last)");
      }
      if (!ValidWeekday(m.weekday())) {
        return Invalid(absl::StrCat(field, ".weekday"), "曜日が正しくありません", "not a weekday");
      }
      const absl::Weekday wd = FromProtoWeekday(m.weekday());
      c.monthly_.push_back({m.week(), wd, m.reason().empty() ? MonthlyReason(m.week(), wd) : m.reason()});
    }

    for (int i = 0; i < p.yearly_closures_size(); ++i) {
      const auto& y = p.yearly_closures(i);
      const std::string field = f(absl::StrCat("yearly_closures[", i, "]"));
      if (!y.has_start() || !ValidMonthDay(y.start())) {
        return Invalid(absl::StrCat(field, ".start"), "月日が正しくありません（年は0）",
                       "must be an existing month and day with year 0");
      }
      if (!y.has_end() || !ValidMonthDay(y.end())) {
        return Invalid(absl::StrCat(field, ".end"), "月日が正しくありません（年は0）",
                       "must be an existing month and day with year 0");
      }
      if (y.reason().empty()) return Invalid(absl::StrCat(field, ".reason"), "理由がありません", "is required");
      c.yearly_.push_back({y.start().month(), y.start().day(), y.end().month(), y.end().day(), y.reason()});
    }

    for (int i = 0; i < p.closures_size(); ++i) {
      absl::Status s = AddRange(p.closures(i), f(absl::StrCat("closures[", i, "]")), &c.closures_);
      if (!s.ok()) return s;
    }
    for (int i = 0; i < p.openings_size(); ++i) {
      absl::Status s = AddRange(p.openings(i), f(absl::StrCat("openings[", i, "]")), &c.openings_);
      if (!s.ok()) return s;
    }

    if (p.hours_size() == 0) {
      // Rule L2's default hours.
      c.hours_.fill({10 * 60, 18 * 60});
      c.hours_[WeekdayIndex(absl::Weekday::sunday)] = {10 * 60, 17 * 60};
      return c;
    }
    std::set<int> covered;
    for (int i = 0; i < p.hours_size(); ++i) {
      const auto& h = p.hours(i);
      const std::string field = f(absl::StrCat("hours[", i, "]"));
      std::optional<int> opens = MinuteOf(h.opens());
      std::optional<int> closes = MinuteOf(h.closes());
      if (!opens.has_value()) return Invalid(absl::StrCat(field, ".opens"), "時刻は HH:MM です", "must be HH:MM");
      if (!closes.has_value()) return Invalid(absl::StrCat(field, ".closes"), "時刻は HH:MM です", "must be HH:MM");
      if (*closes <= *opens) {
        return Invalid(absl::StrCat(field, ".closes"), "閉館時刻が開館時刻より前です", "must be after opens");
      }
      if (h.weekdays_size() == 0) return Invalid(absl::StrCat(field, ".weekdays"), "曜日がありません", "is required");
      for (int j = 0; j < h.weekdays_size(); ++j) {
        const int w = h.weekdays(j);
        const std::string wfield = absl::StrCat(field, ".weekdays[", j, "]");
        if (!ValidWeekday(w)) return Invalid(wfield, "曜日が正しくありません", "not a weekday");
        const int index = WeekdayIndex(FromProtoWeekday(static_cast<shiori::v1::Weekday>(w)));
        if (!covered.insert(index).second) {
          return Invalid(wfield, "同じ曜日が二度指定されています", "weekday given twice");
        }
        c.hours_[index] = {*opens, *closes};
      }
    }
    if (covered.size() != 7) {
      return Invalid(f("hours"), "すべての曜日の開館時間が必要です", "must list every weekday once");
    }
    return c;
  }

  // Why the calendar's rules close `day`, most specific first; empty if they do not.
  static std::string ClosedReason(const LibraryCalendar& c, const std::optional<std::string>& holiday,
                                  absl::CivilDay day) {
    for (const auto& r : c.closures_) {
      if (r.first <= day && day <= r.last) return r.reason;
    }
    for (const auto& y : c.yearly_) {
      const std::pair<int, int> md(day.month(), day.day());
      const std::pair<int, int> first(y.first_month, y.first_day);
      const std::pair<int, int> last(y.last_month, y.last_day);
      const bool inside = first <= last ? (first <= md && md <= last) : (md >= first || md <= last);
      if (inside) return y.reason;
    }
    const absl::Weekday weekday = absl::GetWeekday(day);
    if (holiday.has_value() && c.closed_on_holidays_ &&
        !(c.open_on_sunday_holidays_ && weekday == absl::Weekday::sunday)) {
      return c.holiday_reason_;
    }
    const absl::CivilDay last_of_month = absl::CivilDay(absl::CivilMonth(day) + 1) - 1;
    const int week = static_cast<int>((day.day() - 1) / 7 + 1);
    const bool last_week = day + 7 > last_of_month;
    for (const auto& m : c.monthly_) {
      if (m.weekday == weekday && (m.week == week || (m.week == -1 && last_week))) return m.reason;
    }
    if (c.closed_weekday_[WeekdayIndex(weekday)]) return c.weekday_reason_;
    return "";
  }

  static DayDescription Describe(const LibraryCalendar& c, const HolidayCalendar& holidays, absl::CivilDay day) {
    DayDescription d;
    d.day = day;
    const std::optional<std::string> holiday = holidays.HolidayName(day);
    if (holiday.has_value()) d.holiday_name = *holiday;
    for (const auto& o : c.openings_) {
      if (o.first <= day && day <= o.last) {
        d.exceptional_opening = true;
        d.reason = o.reason;
        break;
      }
    }
    if (!d.exceptional_opening) d.reason = ClosedReason(c, holiday, day);
    d.open = d.exceptional_opening || d.reason.empty();
    if (d.open) {
      const LibraryCalendar::Hours& h = c.hours_[WeekdayIndex(absl::GetWeekday(day))];
      d.opens = FormatMinute(h.opens_minute);
      d.closes = FormatMinute(h.closes_minute);
    }
    return d;
  }
};

absl::StatusOr<LibraryCalendar> LibraryCalendar::FromProto(const shiori::v1::LibraryCalendar& proto) {
  return CalendarRules::Build(proto, "");
}

absl::StatusOr<std::vector<LibraryCalendar>> CalendarsFromConfig(const shiori::v1::CalendarConfig& config) {
  std::vector<LibraryCalendar> out;
  std::set<std::string> ids;
  for (int i = 0; i < config.calendars_size(); ++i) {
    const std::string prefix = absl::StrCat("calendars[", i, "].");
    absl::StatusOr<LibraryCalendar> c = CalendarRules::Build(config.calendars(i), prefix);
    if (!c.ok()) return c.status();
    if (!ids.insert(c->library_id()).second) {
      return Invalid(absl::StrCat(prefix, "library_id"), "同じ図書館のカレンダーが二つあります",
                     absl::StrCat("library \"", c->library_id(), "\" given twice"));
    }
    out.push_back(*std::move(c));
  }
  return out;
}

DayDescription DescribeDay(const LibraryCalendar& calendar, const HolidayCalendar& holidays, absl::CivilDay day) {
  return CalendarRules::Describe(calendar, holidays, day);
}

std::vector<DayDescription> DescribeDays(const LibraryCalendar& calendar, const HolidayCalendar& holidays,
                                         absl::CivilDay from, absl::CivilDay to) {
  std::vector<DayDescription> out;
  for (absl::CivilDay d = from; d <= to; ++d) out.push_back(DescribeDay(calendar, holidays, d));
  return out;
}

shiori::v1::CalendarDay ToProto(const DayDescription& day) {
  shiori::v1::CalendarDay p;
  p.mutable_date()->set_year(static_cast<int32_t>(day.day.year()));
  p.mutable_date()->set_month(day.day.month());
  p.mutable_date()->set_day(day.day.day());
  p.set_open(day.open);
  p.set_reason(day.reason);
  p.set_holiday_name(day.holiday_name);
  p.set_opens(day.opens);
  p.set_closes(day.closes);
  p.set_exceptional_opening(day.exceptional_opening);
  return p;
}

bool IsOpen(const LibraryCalendar& calendar, const HolidayCalendar& holidays, absl::CivilDay day) {
  return DescribeDay(calendar, holidays, day).open;
}

absl::StatusOr<absl::CivilDay> NextOpenDay(const LibraryCalendar& calendar, const HolidayCalendar& holidays,
                                           absl::CivilDay day, int max_search_days) {
  if (max_search_days < 1) {
    return InvalidField("max_search_days", "must be at least 1", "CALENDAR_INVALID");
  }
  for (int i = 0; i < max_search_days; ++i) {
    if (IsOpen(calendar, holidays, day + i)) return day + i;
  }
  return Error(absl::StatusCode::kFailedPrecondition, "CALENDAR_NO_OPEN_DAY",
               absl::StrCat(calendar.library_id(), "の開館日が", FormatDay(day), "から", max_search_days,
                            "日以内にありません。カレンダーを確認してください"))
      .Rule("L2")
      .Meta("library", calendar.library_id())
      .Meta("from", FormatDay(day))
      .Meta("max_search_days", absl::StrCat(max_search_days))
      .English(absl::StrCat("no open day of library ", calendar.library_id(), " within ", max_search_days,
                            " days from ", FormatDay(day)));
}

absl::CivilDay AddDays(absl::CivilDay day, int n) { return day + n; }

absl::StatusOr<absl::CivilDay> DeadlineAfter(const LibraryCalendar& calendar, const HolidayCalendar& holidays,
                                             absl::CivilDay day, int n, int max_search_days) {
  if (n < 0) return InvalidField("days", "must not be negative", "CALENDAR_INVALID");
  return NextOpenDay(calendar, holidays, AddDays(day, n), max_search_days);
}

}  // namespace shiori::policy
