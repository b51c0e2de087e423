// The libraries' calendars as the use cases see them (L1–L3): which days each library is open, and the dates
// that follow from it — due dates (B3), pickup deadlines (R11), renewals (B2). The source of the calendars
// is behind an interface so that they can live in the config or in the database (with staff's closures).
#ifndef SHIORI_SERVER_APP_CALENDAR_BOOK_H_
#define SHIORI_SERVER_APP_CALENDAR_BOOK_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "server/policy/japanese_holidays.h"
#include "server/policy/library_calendar.h"
#include "server/store/database.h"

namespace shiori::app {

class CalendarBook {
 public:
  virtual ~CalendarBook() = default;
  // The calendar of a library as it stands in this transaction. NOT_FOUND for an unknown library.
  virtual absl::StatusOr<policy::LibraryCalendar> CalendarOf(store::Tx& tx, const std::string& library_id) const = 0;
  virtual const policy::HolidayCalendar& holidays() const = 0;
};

// Calendars from a shiori.v1.CalendarConfig (config/calendar.textproto), fixed for the process's life.
class ConfigCalendarBook final : public CalendarBook {
 public:
  static absl::StatusOr<std::unique_ptr<ConfigCalendarBook>> Load(const std::string& path);
  static absl::StatusOr<std::unique_ptr<ConfigCalendarBook>> FromText(const std::string& text,
                                                                     const std::string& file_name);
  absl::StatusOr<policy::LibraryCalendar> CalendarOf(store::Tx& tx, const std::string& library_id) const override;
  const policy::HolidayCalendar& holidays() const override { return holidays_; }

 private:
  std::map<std::string, policy::LibraryCalendar> calendars_;
  policy::HolidayCalendar holidays_;
};

// `days` after `from`, moved to the next open day of the library (B3, R11, B2).
absl::StatusOr<absl::CivilDay> DeadlineAt(const CalendarBook& book, store::Tx& tx, const std::string& library_id,
                                          absl::CivilDay from, int days, int max_search_days);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_CALENDAR_BOOK_H_
