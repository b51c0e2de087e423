// A library's calendar (rules L1–L3) and the date arithmetic built on it: whether a day is open and why not,
// the next open day, and deadlines "N days after D, moved to the next open day" used for due dates (B3),
// renewals (B2) and hold-shelf deadlines (R11). Days are civil days in Asia/Tokyo (L3).
// Pure functions of values: no IO, no clock. A LibraryCalendar is immutable and safe to share between threads.
#ifndef SHIORI_SERVER_POLICY_LIBRARY_CALENDAR_H_
#define SHIORI_SERVER_POLICY_LIBRARY_CALENDAR_H_

#include <array>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "server/policy/japanese_holidays.h"
#include "shiori/v1/calendar.pb.h"

namespace shiori::policy {

// How far NextOpenDay and DeadlineAfter look before giving up (CalendarPolicy.max_search_days).
inline constexpr int kDefaultMaxSearchDays = 366;

// One library's calendar rules, validated. Build it with FromProto.
class LibraryCalendar {
 public:
  // Validates `proto` (see calendar.proto for the meaning of each field). INVALID_ARGUMENT with reason
  // CALENDAR_INVALID and a field violation naming the field at fault ("closures[0].end_date") otherwise.
  static absl::StatusOr<LibraryCalendar> FromProto(const shiori::v1::LibraryCalendar& proto);

  const std::string& library_id() const { return proto_.library_id(); }
  // The message it was built from, as given.
  const shiori::v1::LibraryCalendar& proto() const { return proto_; }

 private:
  friend struct CalendarRules;
  struct DayRange {
    absl::CivilDay first, last;  // inclusive
    std::string reason;
  };
  struct Monthly {
    int week;  // 1..5, or -1 for the last
    absl::Weekday weekday;
    std::string reason;
  };
  struct Yearly {
    int first_month, first_day, last_month, last_day;
    std::string reason;
  };
  struct Hours {
    int opens_minute, closes_minute;  // minutes after midnight
  };

  LibraryCalendar() = default;

  shiori::v1::LibraryCalendar proto_;
  std::array<bool, 7> closed_weekday_{};  // indexed by WeekdayIndex (Monday = 0)
  std::string weekday_reason_;
  bool closed_on_holidays_ = false;
  bool open_on_sunday_holidays_ = false;
  std::string holiday_reason_;
  std::vector<Monthly> monthly_;
  std::vector<Yearly> yearly_;
  std::vector<DayRange> closures_;
  std::vector<DayRange> openings_;
  std::array<Hours, 7> hours_{};
};

// Every calendar of a config file, in order. Errors name the field with its place
// ("calendars[1].hours[0].opens"); a library given twice is CALENDAR_INVALID too.
absl::StatusOr<std::vector<LibraryCalendar>> CalendarsFromConfig(const shiori::v1::CalendarConfig& config);

// What a library's calendar says about one day.
struct DayDescription {
  absl::CivilDay day;
  bool open = false;
  // Closed: the reason shown (定休日, 祝日, 第4金曜日, 年末年始, 蔵書点検 …). Open by an exceptional opening: its
  // reason. Otherwise empty.
  std::string reason;
  // The national holiday on this day, open or not; empty if none.
  std::string holiday_name;
  // When open: "10:00", "18:00". Empty when closed.
  std::string opens;
  std::string closes;
  bool exceptional_opening = false;
};

DayDescription DescribeDay(const LibraryCalendar& calendar, const HolidayCalendar& holidays, absl::CivilDay day);
// `from` to `to` inclusive; empty if `to` is before `from`.
std::vector<DayDescription> DescribeDays(const LibraryCalendar& calendar, const HolidayCalendar& holidays,
                                         absl::CivilDay from, absl::CivilDay to);
shiori::v1::CalendarDay ToProto(const DayDescription& day);

bool IsOpen(const LibraryCalendar& calendar, const HolidayCalendar& holidays, absl::CivilDay day);

// `day` itself if open, else the first open day after it. Looks at `max_search_days` days starting with `day`;
// if none is open: FAILED_PRECONDITION, reason CALENDAR_NO_OPEN_DAY (metadata library, from, max_search_days).
// INVALID_ARGUMENT if max_search_days < 1.
absl::StatusOr<absl::CivilDay> NextOpenDay(const LibraryCalendar& calendar, const HolidayCalendar& holidays,
                                           absl::CivilDay day, int max_search_days = kDefaultMaxSearchDays);

// The civil day `n` days after `day` (before it for negative n), whatever the calendar.
absl::CivilDay AddDays(absl::CivilDay day, int n);

// AddDays(day, n) moved to the next open day: a due date (B3, n = loan period), a renewal's new due date (B2,
// counted from the day of renewal) or a hold-shelf deadline (R11, n = 7 from the day it was secured).
// Errors as NextOpenDay; INVALID_ARGUMENT if n < 0.
absl::StatusOr<absl::CivilDay> DeadlineAfter(const LibraryCalendar& calendar, const HolidayCalendar& holidays,
                                             absl::CivilDay day, int n, int max_search_days = kDefaultMaxSearchDays);

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_LIBRARY_CALENDAR_H_
