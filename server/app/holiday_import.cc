// See holiday_import.h.
#include "server/app/holiday_import.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/app/calendar_book.h"
#include "server/common/error.h"
#include "server/policy/holiday_csv.h"
#include "server/policy/japanese_holidays.h"
#include "server/store/audit_log.h"
#include "server/store/calendar_store.h"
#include "server/store/catalog_store.h"

namespace shiori::app {

absl::StatusOr<HolidayImportResult> ImportHolidayCsv(const ServiceContext& ctx, absl::string_view bytes,
                                                     const std::string& actor) {
  const auto* book = dynamic_cast<const DatabaseCalendarBook*>(ctx.calendars);
  if (book == nullptr) {
    return Error(absl::StatusCode::kFailedPrecondition, "CALENDAR_READ_ONLY", "カレンダーを変更できません")
        .Rule("L2")
        .English("the calendars come from the config only");
  }
  auto parsed = policy::ParseHolidayCsv(bytes);
  if (!parsed.ok()) return parsed.status();
  std::vector<store::ImportedHoliday> rows;
  HolidayImportResult result;
  for (const auto& h : *parsed) {
    rows.push_back({h.day, h.name});
    result.years.insert(static_cast<int>(h.day.year()));
  }
  result.holidays = static_cast<int>(rows.size());
  for (int year : result.years) {
    int in_file = 0;
    for (const auto& r : rows) in_file += r.day.year() == year ? 1 : 0;
    const int by_law = static_cast<int>(policy::ComputeHolidays(year).size());
    if (in_file < by_law) result.fewer_than_the_law[year] = {in_file, by_law};
  }
  const int max_search =
      ctx.policy.calendar().max_search_days() > 0 ? ctx.policy.calendar().max_search_days() : policy::kDefaultMaxSearchDays;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    result.moved = {};
    auto libraries = store::ListLibraries(tx);
    if (!libraries.ok()) return libraries.status();
    // Every library row first (the holidays change every calendar), in id order.
    for (const auto& l : *libraries) {
      if (absl::Status b = store::BumpCalendarVersion(tx, l.id); !b.ok()) return b;
    }
    if (absl::Status r = store::ReplaceImportedHolidayYears(tx, rows, ctx.clock->Now()); !r.ok()) return r;
    auto holidays = book->RefreshHolidays(tx);
    if (!holidays.ok()) return holidays.status();
    const absl::CivilDay first(*result.years.begin(), 1, 1);
    const absl::CivilDay last(*result.years.rbegin(), 12, 31);
    for (const auto& l : *libraries) {
      if (!book->HasLibrary(l.id)) continue;
      auto exceptions = store::ListCalendarExceptions(tx, l.id, /*share_lock=*/true);
      if (!exceptions.ok()) return exceptions.status();
      auto calendar = book->Compose(l.id, *exceptions);
      if (!calendar.ok()) return calendar.status();
      auto moved = MoveDeadlinesOffClosedDays(tx, *calendar, **holidays, first, last, max_search, false);
      if (!moved.ok()) return moved.status();
      result.moved.due_dates += moved->due_dates;
      result.moved.pickup_deadlines += moved->pickup_deadlines;
    }
    store::AuditRecord audit;
    audit.at = ctx.clock->Now();
    audit.actor = actor;
    audit.action = "calendar.holidays.import";
    audit.target = "holidays";
    audit.detail = absl::StrCat(result.holidays, " holidays for ", absl::StrJoin(result.years, ","), "; moved ",
                                result.moved.due_dates, " due dates, ", result.moved.pickup_deadlines,
                                " pickup deadlines");
    return store::AppendAuditRecord(tx, audit);
  });
  if (!s.ok()) return s;
  return result;
}

}  // namespace shiori::app
