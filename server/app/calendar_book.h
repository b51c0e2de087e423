// The libraries' calendars as the use cases see them (L1–L3): which days each library is open, and the dates
// that follow from it — due dates (B3), pickup deadlines (R11), renewals (B2). The source of the calendars
// is behind an interface so that they can live in the config or in the database (with staff's closures).
#ifndef SHIORI_SERVER_APP_CALENDAR_BOOK_H_
#define SHIORI_SERVER_APP_CALENDAR_BOOK_H_

#include <map>
#include <memory>
#include <string>

#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "server/policy/japanese_holidays.h"
#include "server/policy/library_calendar.h"
#include "server/store/calendar_store.h"
#include "server/store/database.h"
#include "shiori/v1/calendar.pb.h"

namespace shiori::app {

class CalendarBook {
 public:
  virtual ~CalendarBook() = default;
  // The calendar of a library as it stands in this transaction. NOT_FOUND for an unknown library. `stamp`: the
  // library's calendar stamp when the transaction has read it already with the share lock (ReadCalendarStamp's,
  // or a read that includes it), so that it is not read twice.
  virtual absl::StatusOr<policy::LibraryCalendar> CalendarOf(store::Tx& tx, const std::string& library_id,
                                                             const store::CalendarStamp* stamp = nullptr) const = 0;
  // The national holidays, as of the last CalendarOf call (which refreshes them from the database when a new
  // holiday table was imported). The reference stays valid for the life of the book.
  virtual const policy::HolidayCalendar& holidays() const = 0;
};

// Calendars from a shiori.v1.CalendarConfig (config/calendar.textproto), fixed for the process's life.
class ConfigCalendarBook final : public CalendarBook {
 public:
  static absl::StatusOr<std::unique_ptr<ConfigCalendarBook>> Load(const std::string& path);
  static absl::StatusOr<std::unique_ptr<ConfigCalendarBook>> FromText(const std::string& text,
                                                                     const std::string& file_name);
  absl::StatusOr<policy::LibraryCalendar> CalendarOf(store::Tx& tx, const std::string& library_id,
                                                     const store::CalendarStamp* stamp = nullptr) const override;
  const policy::HolidayCalendar& holidays() const override { return holidays_; }

 private:
  std::map<std::string, policy::LibraryCalendar> calendars_;
  policy::HolidayCalendar holidays_;
};

// Calendars of the config (weekly, monthly and yearly rules, hours, closures listed in the file) together with
// what the database holds: staff's one-off closures and exceptional openings, and the imported holiday table,
// which wins for the years it covers (L2). Several servers over one database therefore share staff's changes.
// CalendarOf reads the library's calendar version with a shared lock (a change writes it, so a date computed
// in a transaction never misses a closure committed at the same moment) and caches each library's calendar
// by that version. Thread-safe.
class DatabaseCalendarBook final : public CalendarBook {
 public:
  static absl::StatusOr<std::unique_ptr<DatabaseCalendarBook>> Load(const std::string& path);
  static absl::StatusOr<std::unique_ptr<DatabaseCalendarBook>> FromText(const std::string& text,
                                                                       const std::string& file_name);
  absl::StatusOr<policy::LibraryCalendar> CalendarOf(store::Tx& tx, const std::string& library_id,
                                                     const store::CalendarStamp* stamp = nullptr) const override;
  const policy::HolidayCalendar& holidays() const override;

  // Whether the config has a calendar for the library.
  bool HasLibrary(const std::string& library_id) const { return base_.count(library_id) > 0; }
  // L1: the ids of the config's calendars for libraries that `db` does not have (a library still to open, or a
  // misspelt id: the server says so at start), when the config has a calendar for every library in `db`; else
  // CALENDAR_MISSING naming the first without one (that library's desk could lend nothing, its calendar "not
  // found").
  absl::StatusOr<std::vector<std::string>> CheckCoversLibraries(store::Database& db) const;
  // The library's calendar made of the config and the given closures and openings, not cached: for a
  // transaction that is changing the calendar (its rows are not committed yet). Deleted rows are left out.
  absl::StatusOr<policy::LibraryCalendar> Compose(const std::string& library_id,
                                                  const std::vector<store::CalendarExceptionRow>& rows) const;
  // Refreshes the holiday table from the database if a newer import exists; returns it.
  absl::StatusOr<const policy::HolidayCalendar*> RefreshHolidays(store::Tx& tx) const;
  // The same when the newest batch is known (ReadCalendarStamp): reads the holidays only when it is newer.
  absl::StatusOr<const policy::HolidayCalendar*> RefreshHolidays(store::Tx& tx, int64_t newest_batch) const;

 private:
  DatabaseCalendarBook();
  struct Cached {
    int64_t version;
    policy::LibraryCalendar calendar;
  };

  std::map<std::string, v1::LibraryCalendar> base_;
  mutable absl::Mutex mu_;
  mutable std::map<std::string, Cached> cache_ ABSL_GUARDED_BY(mu_);
  mutable int64_t holiday_batch_ ABSL_GUARDED_BY(mu_) = 0;
  // Every table ever loaded, so that references handed out by holidays() stay valid (imports are rare).
  mutable std::vector<std::unique_ptr<const policy::HolidayCalendar>> holiday_tables_ ABSL_GUARDED_BY(mu_);
  mutable const policy::HolidayCalendar* holidays_ ABSL_GUARDED_BY(mu_) = nullptr;
};

// Resource names of staff's calendar entries: `libraries/main/closures/12`, `libraries/main/openings/13`.
std::string CalendarExceptionName(const store::CalendarExceptionRow& row);

// `days` after `from`, moved to the next open day of the library (B3, R11, B2). `stamp` as for CalendarOf.
absl::StatusOr<absl::CivilDay> DeadlineAt(const CalendarBook& book, store::Tx& tx, const std::string& library_id,
                                          absl::CivilDay from, int days, int max_search_days,
                                          const store::CalendarStamp* stamp = nullptr);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_CALENDAR_BOOK_H_
