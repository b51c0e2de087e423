// See japanese_holidays.h. The history of each holiday follows the amendments of 国民の祝日に関する法律 and the
// special laws (平成31年法律第25号 etc.); the year ranges below are the years each rule was in force.
#include "server/policy/japanese_holidays.h"

#include <algorithm>

namespace shiori::policy {
namespace {

// Floor division, so the equinox formula stays correct for years before its base year.
int FloorDiv(long long a, long long b) { return static_cast<int>(a / b - ((a % b != 0) && ((a < 0) != (b < 0)))); }

// The n-th `weekday` of a month (Happy Monday days).
absl::CivilDay NthWeekday(int year, int month, int n, absl::Weekday weekday) {
  const absl::CivilDay first(year, month, 1);
  return absl::NextWeekday(first - 1, weekday) + 7 * (n - 1);
}

// The equinox formula in millionths of a day, so that no floating-point rounding can move a day:
//   day = floor(base + 0.242194 (Y − 1980) − floor((Y − 1980) / 4)).
int EquinoxDay(int year, long long base_micro) {
  const long long n = year - 1980;
  return FloorDiv(base_micro + 242194LL * n - 1000000LL * FloorDiv(n, 4), 1000000);
}

// 国民の祝日 of one year (before 振替休日 and 国民の休日), including the days that special laws made holidays.
std::map<absl::CivilDay, std::string> StatutoryHolidays(int y) {
  std::map<absl::CivilDay, std::string> h;
  auto add = [&h](absl::CivilDay d, const char* name) { h.emplace(d, name); };
  const absl::Weekday mon = absl::Weekday::monday;

  add(absl::CivilDay(y, 1, 1), "元日");
  add(y < 2000 ? absl::CivilDay(y, 1, 15) : NthWeekday(y, 1, 2, mon), "成人の日");
  add(absl::CivilDay(y, 2, 11), "建国記念の日");
  if (y >= 2020) add(absl::CivilDay(y, 2, 23), "天皇誕生日");
  add(absl::CivilDay(y, 3, VernalEquinoxDay(y)), "春分の日");
  if (y <= 1988) {
    add(absl::CivilDay(y, 4, 29), "天皇誕生日");
  } else if (y <= 2006) {
    add(absl::CivilDay(y, 4, 29), "みどりの日");
  } else {
    add(absl::CivilDay(y, 4, 29), "昭和の日");
  }
  add(absl::CivilDay(y, 5, 3), "憲法記念日");
  if (y >= 2007) add(absl::CivilDay(y, 5, 4), "みどりの日");
  add(absl::CivilDay(y, 5, 5), "こどもの日");

  // 海の日: 7/20 from 1996, the 3rd Monday of July from 2003; moved for the Tokyo Olympics in 2020 and 2021.
  if (y == 2020) {
    add(absl::CivilDay(y, 7, 23), "海の日");
  } else if (y == 2021) {
    add(absl::CivilDay(y, 7, 22), "海の日");
  } else if (y >= 2003) {
    add(NthWeekday(y, 7, 3, mon), "海の日");
  } else if (y >= 1996) {
    add(absl::CivilDay(y, 7, 20), "海の日");
  }
  // 山の日: 8/11 from 2016; moved in 2020 and 2021.
  if (y == 2020) {
    add(absl::CivilDay(y, 8, 10), "山の日");
  } else if (y == 2021) {
    add(absl::CivilDay(y, 8, 8), "山の日");
  } else if (y >= 2016) {
    add(absl::CivilDay(y, 8, 11), "山の日");
  }
  add(y < 2003 ? absl::CivilDay(y, 9, 15) : NthWeekday(y, 9, 3, mon), "敬老の日");
  add(absl::CivilDay(y, 9, AutumnalEquinoxDay(y)), "秋分の日");
  // 体育の日: 10/10, the 2nd Monday of October from 2000; renamed スポーツの日 from 2020, moved in 2020 and 2021.
  if (y == 2020) {
    add(absl::CivilDay(y, 7, 24), "スポーツの日");
  } else if (y == 2021) {
    add(absl::CivilDay(y, 7, 23), "スポーツの日");
  } else if (y >= 2020) {
    add(NthWeekday(y, 10, 2, mon), "スポーツの日");
  } else if (y >= 2000) {
    add(NthWeekday(y, 10, 2, mon), "体育の日");
  } else {
    add(absl::CivilDay(y, 10, 10), "体育の日");
  }
  add(absl::CivilDay(y, 11, 3), "文化の日");
  add(absl::CivilDay(y, 11, 23), "勤労感謝の日");
  if (y >= 1989 && y <= 2018) add(absl::CivilDay(y, 12, 23), "天皇誕生日");

  // Days made holidays by special laws. The 2019 ones count as 国民の祝日 for 振替休日 and 国民の休日, which is
  // what makes 2019-04-30 and 2019-05-02 holidays.
  if (y == 1989) add(absl::CivilDay(1989, 2, 24), "昭和天皇の大喪の礼");
  if (y == 1990) add(absl::CivilDay(1990, 11, 12), "即位礼正殿の儀");
  if (y == 1993) add(absl::CivilDay(1993, 6, 9), "皇太子徳仁親王の結婚の儀");
  if (y == 2019) {
    add(absl::CivilDay(2019, 5, 1), "天皇の即位の日");
    add(absl::CivilDay(2019, 10, 22), "即位礼正殿の儀");
  }
  return h;
}

}  // namespace

int VernalEquinoxDay(int year) { return EquinoxDay(year, 20843100); }
int AutumnalEquinoxDay(int year) { return EquinoxDay(year, 23248800); }

std::vector<NationalHoliday> ComputeHolidays(int year) {
  if (year < kFirstComputedHolidayYear || year > kLastComputedHolidayYear) return {};
  const std::map<absl::CivilDay, std::string> statutory = StatutoryHolidays(year);
  auto is_statutory = [&statutory](absl::CivilDay d) { return statutory.count(d) > 0; };

  // 振替休日 (第3条第2項). Since 2007 the rest day goes to the nearest following day that is not a 国民の祝日
  // (5/3 on a Sunday gives 5/6); before, always to the Monday.
  std::map<absl::CivilDay, std::string> substitutes;
  for (const auto& [day, name] : statutory) {
    if (absl::GetWeekday(day) != absl::Weekday::sunday) continue;
    absl::CivilDay rest = day + 1;
    if (year >= 2007) {
      while (is_statutory(rest)) ++rest;
    } else if (is_statutory(rest)) {
      continue;
    }
    substitutes.emplace(rest, "振替休日");
  }

  // 国民の休日 (第3条第3項, from 1986): a day whose day before and day after are 国民の祝日. Before 2007 a Sunday
  // or a 振替休日 did not become one.
  std::map<absl::CivilDay, std::string> between;
  if (year >= 1986) {
    for (const auto& [day, name] : statutory) {
      const absl::CivilDay d = day + 1;
      if (!is_statutory(d + 1) || is_statutory(d) || substitutes.count(d) > 0) continue;
      if (year < 2007 && absl::GetWeekday(d) == absl::Weekday::sunday) continue;
      between.emplace(d, "国民の休日");
    }
  }

  std::vector<NationalHoliday> out;
  using Table = std::map<absl::CivilDay, std::string>;
  for (const Table* table : std::initializer_list<const Table*>{&statutory, &substitutes, &between}) {
    for (const auto& [day, name] : *table) {
      if (day.year() == year) out.push_back({day, name});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const NationalHoliday& a, const NationalHoliday& b) { return a.day < b.day; });
  return out;
}

HolidayCalendar::HolidayCalendar() : HolidayCalendar(std::vector<NationalHoliday>{}) {}

HolidayCalendar::HolidayCalendar(const std::vector<NationalHoliday>& imported) {
  for (const NationalHoliday& h : imported) {
    imported_years_.insert(static_cast<int>(h.day.year()));
    days_[h.day] = h.name;
  }
  for (int y = kFirstComputedHolidayYear; y <= kLastComputedHolidayYear; ++y) {
    if (IsImportedYear(y)) continue;
    for (NationalHoliday& h : ComputeHolidays(y)) days_.emplace(h.day, std::move(h.name));
  }
}

std::optional<std::string> HolidayCalendar::HolidayName(absl::CivilDay day) const {
  auto it = days_.find(day);
  if (it == days_.end()) return std::nullopt;
  return it->second;
}

std::vector<NationalHoliday> HolidayCalendar::HolidaysIn(int year) const {
  std::vector<NationalHoliday> out;
  for (auto it = days_.lower_bound(absl::CivilDay(year, 1, 1));
       it != days_.end() && it->first.year() == year; ++it) {
    out.push_back({it->first, it->second});
  }
  return out;
}

}  // namespace shiori::policy
