// See calendar_book.h.
#include "server/app/calendar_book.h"

#include <google/protobuf/text_format.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "server/app/config_files.h"
#include "server/common/error.h"
#include "server/store/catalog_store.h"

namespace shiori::app {

namespace {

absl::StatusOr<v1::CalendarConfig> ParseCalendarConfig(const std::string& text, const std::string& file_name) {
  v1::CalendarConfig config;
  if (!google::protobuf::TextFormat::ParseFromString(text, &config)) {
    return Error(absl::StatusCode::kInvalidArgument, "CALENDAR_INVALID", "カレンダー設定を読めません")
        .Meta("file", file_name)
        .English(absl::StrCat("cannot parse ", file_name));
  }
  return config;
}

void ToProtoDate(absl::CivilDay day, google::type::Date* out) {
  out->set_year(static_cast<int32_t>(day.year()));
  out->set_month(day.month());
  out->set_day(day.day());
}

}  // namespace

absl::StatusOr<std::unique_ptr<ConfigCalendarBook>> ConfigCalendarBook::Load(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return FromText(*text, path);
}

absl::StatusOr<std::unique_ptr<ConfigCalendarBook>> ConfigCalendarBook::FromText(const std::string& text,
                                                                                const std::string& file_name) {
  auto config = ParseCalendarConfig(text, file_name);
  if (!config.ok()) return config.status();
  auto calendars = policy::CalendarsFromConfig(*config);
  if (!calendars.ok()) return calendars.status();
  auto book = std::unique_ptr<ConfigCalendarBook>(new ConfigCalendarBook());
  for (auto& c : *calendars) {
    std::string id = c.library_id();
    book->calendars_.emplace(std::move(id), std::move(c));
  }
  return book;
}

absl::StatusOr<policy::LibraryCalendar> ConfigCalendarBook::CalendarOf(store::Tx&, const std::string& id,
                                                                      const store::CalendarStamp*) const {
  auto it = calendars_.find(id);
  if (it == calendars_.end()) return NotFoundError("calendar", absl::StrCat("libraries/", id));
  return it->second;
}

std::string CalendarExceptionName(const store::CalendarExceptionRow& row) {
  return absl::StrCat("libraries/", row.library_id,
                      row.kind == store::CalendarExceptionKind::kClosure ? "/closures/" : "/openings/", row.id);
}

DatabaseCalendarBook::DatabaseCalendarBook() {
  holiday_tables_.push_back(std::make_unique<const policy::HolidayCalendar>());
  holidays_ = holiday_tables_.back().get();
}

absl::StatusOr<std::unique_ptr<DatabaseCalendarBook>> DatabaseCalendarBook::Load(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return FromText(*text, path);
}

absl::StatusOr<std::unique_ptr<DatabaseCalendarBook>> DatabaseCalendarBook::FromText(const std::string& text,
                                                                                    const std::string& file_name) {
  auto config = ParseCalendarConfig(text, file_name);
  if (!config.ok()) return config.status();
  auto calendars = policy::CalendarsFromConfig(*config);
  if (!calendars.ok()) return calendars.status();
  auto book = std::unique_ptr<DatabaseCalendarBook>(new DatabaseCalendarBook());
  for (const auto& c : *calendars) book->base_.emplace(c.library_id(), c.proto());
  return book;
}

absl::StatusOr<std::vector<std::string>> DatabaseCalendarBook::CheckCoversLibraries(store::Database& db) const {
  std::vector<std::string> unknown;
  absl::Status s = db.WithConnection([&](store::Tx& tx) -> absl::Status {
    auto libraries = store::ListLibraries(tx);
    if (!libraries.ok()) return libraries.status();
    std::set<std::string> known;
    for (const store::LibraryRow& l : *libraries) known.insert(l.id);
    for (const auto& [id, calendar] : base_) {
      if (known.count(id) == 0) unknown.push_back(id);
    }
    for (const store::LibraryRow& l : *libraries) {
      if (HasLibrary(l.id)) continue;
      return Error(absl::StatusCode::kFailedPrecondition, "CALENDAR_MISSING",
                   absl::StrCat("カレンダー設定に ", l.display_name, " (", l.id, ") の開館日がありません"))
          .Rule("L1")
          .Meta("library", l.id)
          .English(absl::StrCat("the calendar file has no calendar for library '", l.id, "'"));
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return unknown;
}

absl::StatusOr<policy::LibraryCalendar> DatabaseCalendarBook::Compose(
    const std::string& library_id, const std::vector<store::CalendarExceptionRow>& rows) const {
  auto it = base_.find(library_id);
  if (it == base_.end()) return NotFoundError("calendar", absl::StrCat("libraries/", library_id));
  v1::LibraryCalendar proto = it->second;
  for (const auto& row : rows) {
    if (row.deleted || row.library_id != library_id) continue;
    if (row.kind == store::CalendarExceptionKind::kClosure) {
      auto* c = proto.add_closures();
      c->set_name(CalendarExceptionName(row));
      ToProtoDate(row.start_date, c->mutable_start_date());
      ToProtoDate(row.end_date, c->mutable_end_date());
      c->set_reason(row.reason);
    } else {
      auto* o = proto.add_openings();
      o->set_name(CalendarExceptionName(row));
      ToProtoDate(row.start_date, o->mutable_start_date());
      ToProtoDate(row.end_date, o->mutable_end_date());
      o->set_reason(row.reason);
    }
  }
  return policy::LibraryCalendar::FromProto(proto);
}

absl::StatusOr<const policy::HolidayCalendar*> DatabaseCalendarBook::RefreshHolidays(store::Tx& tx) const {
  auto batch = store::ImportedHolidayBatch(tx);
  if (!batch.ok()) return batch.status();
  return RefreshHolidays(tx, *batch);
}

absl::StatusOr<const policy::HolidayCalendar*> DatabaseCalendarBook::RefreshHolidays(store::Tx& tx,
                                                                                  int64_t newest_batch) const {
  {
    absl::MutexLock lock(&mu_);
    if (newest_batch == holiday_batch_) return holidays_;
  }
  auto rows = store::ListImportedHolidays(tx);
  if (!rows.ok()) return rows.status();
  std::vector<policy::NationalHoliday> imported;
  imported.reserve(rows->size());
  for (const auto& r : *rows) imported.push_back({r.day, r.name});
  auto table = std::make_unique<const policy::HolidayCalendar>(imported);
  absl::MutexLock lock(&mu_);
  // Another thread may have installed a newer table meanwhile; never go back to an older one.
  if (newest_batch > holiday_batch_) {
    holiday_batch_ = newest_batch;
    holiday_tables_.push_back(std::move(table));
    holidays_ = holiday_tables_.back().get();
  }
  return holidays_;
}

const policy::HolidayCalendar& DatabaseCalendarBook::holidays() const {
  absl::MutexLock lock(&mu_);
  return *holidays_;
}

absl::StatusOr<policy::LibraryCalendar> DatabaseCalendarBook::CalendarOf(store::Tx& tx, const std::string& library_id,
                                                                        const store::CalendarStamp* known) const {
  if (!HasLibrary(library_id)) return NotFoundError("calendar", absl::StrCat("libraries/", library_id));
  store::CalendarStamp stamp;
  if (known != nullptr) {
    stamp = *known;
  } else {
    auto read = store::ReadCalendarStamp(tx, library_id, /*share_lock=*/true);
    if (!read.ok()) return read.status();
    if (!read->has_value()) return NotFoundError("library", absl::StrCat("libraries/", library_id));
    stamp = **read;
  }
  const int64_t version = stamp.calendar_version;
  auto refreshed = RefreshHolidays(tx, stamp.holiday_batch);
  if (!refreshed.ok()) return refreshed.status();
  {
    absl::MutexLock lock(&mu_);
    auto it = cache_.find(library_id);
    if (it != cache_.end() && it->second.version == version) return it->second.calendar;
  }
  // A locking read sees the rows committed with that version, whatever this transaction's snapshot is.
  auto rows = store::ListCalendarExceptions(tx, library_id, /*share_lock=*/true);
  if (!rows.ok()) return rows.status();
  auto calendar = Compose(library_id, *rows);
  if (!calendar.ok()) return calendar.status();
  absl::MutexLock lock(&mu_);
  auto it = cache_.find(library_id);
  if (it == cache_.end() || it->second.version <= version) {
    cache_.insert_or_assign(library_id, Cached{version, *calendar});
  }
  return *calendar;
}

absl::StatusOr<absl::CivilDay> DeadlineAt(const CalendarBook& book, store::Tx& tx, const std::string& library_id,
                                          absl::CivilDay from, int days, int max_search_days,
                                          const store::CalendarStamp* stamp) {
  auto cal = book.CalendarOf(tx, library_id, stamp);
  if (!cal.ok()) return cal.status();
  return policy::DeadlineAfter(*cal, book.holidays(), from, days, max_search_days);
}

}  // namespace shiori::app
