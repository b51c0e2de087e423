// Japanese national holidays (rule L2): the days of 国民の祝日に関する法律 as it stands, with its history since 1980
// (when a holiday moved or was renamed), the special laws for single years (2019 enthronement, 2020–2021 Olympic
// moves), and a table imported from the government's CSV that wins for the years it covers.
// Pure values: no IO, no clock. A HolidayCalendar is immutable after construction and safe to share between
// threads.
#ifndef SHIORI_SERVER_POLICY_JAPANESE_HOLIDAYS_H_
#define SHIORI_SERVER_POLICY_JAPANESE_HOLIDAYS_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace shiori::policy {

// The years for which holidays are computed: the equinox formula holds from 1980 to 2099. Outside them only an
// imported table knows holidays.
inline constexpr int kFirstComputedHolidayYear = 1980;
inline constexpr int kLastComputedHolidayYear = 2099;

struct NationalHoliday {
  absl::CivilDay day;
  std::string name;  // Japanese: 元日, 春分の日, 振替休日, 国民の休日 …

  friend bool operator==(const NationalHoliday&, const NationalHoliday&) = default;
};

// The day of the vernal (春分の日) and autumnal (秋分の日) equinox in March and September of `year`, in Japan
// time, by the formula derived from the astronomical ephemeris (valid 1980–2099; outside it, the result is the
// formula's extrapolation).
int VernalEquinoxDay(int year);
int AutumnalEquinoxDay(int year);

// Every holiday of `year` by the law, sorted by day: 国民の祝日, plus 振替休日 (a holiday on a Sunday moves the rest
// day to the next day that is not a holiday; before 2007, to the Monday) and 国民の休日 (a day between two
// holidays). Empty outside kFirstComputedHolidayYear..kLastComputedHolidayYear.
std::vector<NationalHoliday> ComputeHolidays(int year);

// Computed holidays, overridden year by year by an imported table.
class HolidayCalendar {
 public:
  // Computed holidays only.
  HolidayCalendar();
  // Computed holidays, except that for every year with at least one row in `imported` the imported rows are the
  // whole truth for that year (a computed holiday missing from the table is not a holiday).
  explicit HolidayCalendar(const std::vector<NationalHoliday>& imported);

  // The holiday's name, or nullopt when `day` is not a national holiday.
  std::optional<std::string> HolidayName(absl::CivilDay day) const;
  bool IsHoliday(absl::CivilDay day) const { return days_.count(day) > 0; }
  // Holidays of one year, sorted.
  std::vector<NationalHoliday> HolidaysIn(int year) const;
  // Whether the year's holidays come from the imported table.
  bool IsImportedYear(int year) const { return imported_years_.count(year) > 0; }

 private:
  std::map<absl::CivilDay, std::string> days_;
  std::set<int> imported_years_;
};

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_JAPANESE_HOLIDAYS_H_
