// See library_calendars.h.
#include "server/app/library_calendars.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/app/calendar_book.h"
#include "server/app/request_ids.h"
#include "server/common/error.h"
#include "server/common/utf8_chars.h"
#include "server/policy/library_calendar.h"
#include "server/store/audit_log.h"

namespace shiori::app {
namespace {

constexpr size_t kMaxReasonChars = 100;  // the column's length

int MaxSearchDays(const ServiceContext& ctx) {
  int n = ctx.policy.calendar().max_search_days();
  return n > 0 ? n : policy::kDefaultMaxSearchDays;
}

std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }

absl::Status CheckMayEdit(const Caller& caller, const std::string& library_id) {
  if (!caller.is_staff()) {
    return Error(absl::StatusCode::kPermissionDenied, "PERMISSION_DENIED", "この操作は職員だけができます")
        .Rule("P10")
        .English("staff only");
  }
  if (caller.admin) return absl::OkStatus();
  if (std::find(caller.libraries.begin(), caller.libraries.end(), library_id) != caller.libraries.end()) {
    return absl::OkStatus();
  }
  return Error(absl::StatusCode::kPermissionDenied, "NOT_STAFF_OF_LIBRARY", "所属していない館のカレンダーは変更できません")
      .Rule("P10")
      .Meta("library", library_id)
      .English(absl::StrCat("you are not staff of libraries/", library_id));
}

absl::StatusOr<const DatabaseCalendarBook*> EditableBook(const ServiceContext& ctx) {
  const auto* book = dynamic_cast<const DatabaseCalendarBook*>(ctx.calendars);
  if (book == nullptr) {
    return Error(absl::StatusCode::kFailedPrecondition, "CALENDAR_READ_ONLY", "このサーバーのカレンダーは変更できません")
        .Rule("L2")
        .English("this server's calendars come from its config only");
  }
  return book;
}

absl::Status ValidateInput(const CalendarExceptionInput& in, absl::CivilDay today) {
  const bool closure = in.kind == store::CalendarExceptionKind::kClosure;
  const std::string what = closure ? "closure" : "opening";
  if (!in.start_date) return InvalidField(what + ".start_date", "required").Rule("L2");
  const absl::CivilDay end = in.end_date.value_or(*in.start_date);
  if (end < *in.start_date) return InvalidField(what + ".end_date", "must not be before start_date").Rule("L2");
  if (end - *in.start_date + 1 > kMaxExceptionDays) {
    return InvalidField(what + ".end_date", absl::StrCat("at most ", kMaxExceptionDays, " days")).Rule("L2");
  }
  if (*in.start_date < today) {
    return Error(absl::StatusCode::kInvalidArgument, "CALENDAR_DAY_IN_PAST", "過去の日は変更できません")
        .Rule("L2")
        .Field(what + ".start_date", absl::StrCat("must be today (", Day(today), ") or later"))
        .Meta("today", Day(today))
        .English(absl::StrCat("start_date ", Day(*in.start_date), " is before today ", Day(today)));
  }
  if (IsBlankText(in.reason)) {
    return Error(absl::StatusCode::kInvalidArgument, "REASON_REQUIRED",
                 closure ? "休館の理由を入力してください（蔵書点検 など）" : "臨時開館の理由を入力してください")
        .Rule("L2")
        .Field(what + ".reason", closure ? "required: 蔵書点検 …" : "required: 臨時開館 …")
        .English(absl::StrCat(what, ".reason: required"));
  }
  if (absl::Status s = CheckLength(what + ".reason", in.reason, kMaxReasonChars); !s.ok()) return s;
  if (absl::Status id = CheckRequestId(in.request_id); !id.ok()) return id;
  return absl::OkStatus();
}

absl::Status Audit(store::Tx& tx, const ServiceContext& ctx, const Caller& caller, absl::string_view action,
                   const store::CalendarExceptionRow& row, const MovedDeadlines& moved) {
  store::AuditRecord r;
  r.at = ctx.clock->Now();
  r.actor = absl::StrCat("staff:", caller.staff_login);
  r.action = std::string(action);
  r.target = CalendarExceptionName(row);
  r.detail = absl::StrCat(Day(row.start_date), "..", Day(row.end_date), " ", row.reason, "; moved ", moved.due_dates,
                          " due dates, ", moved.pickup_deadlines, " pickup deadlines");
  r.peer = caller.peer;
  return store::AppendAuditRecord(tx, r);
}

// An opening all of whose days are open already changes nothing: most likely a mistyped date (L2).
absl::Status CheckOpensADay(store::Tx& tx, const DatabaseCalendarBook& book, const CalendarExceptionInput& in,
                            const std::vector<store::CalendarExceptionRow>& rows) {
  auto calendar = book.Compose(in.library_id, rows);
  if (!calendar.ok()) return calendar.status();
  auto holidays = book.RefreshHolidays(tx);
  if (!holidays.ok()) return holidays.status();
  const absl::CivilDay first = *in.start_date;
  const absl::CivilDay last = in.end_date.value_or(first);
  for (absl::CivilDay d = first; d <= last; ++d) {
    if (!policy::IsOpen(*calendar, **holidays, d)) return absl::OkStatus();
  }
  return Error(absl::StatusCode::kFailedPrecondition, "ALREADY_OPEN",
               first == last ? absl::StrCat(Day(first), " はすでに開館日です。臨時開館は休館日に設定してください")
                             : absl::StrCat(Day(first), "〜", Day(last),
                                            " はすべて開館日です。臨時開館は休館日に設定してください"))
      .Rule("L2")
      .Field("opening.start_date", "every day of the opening is an open day already")
      .English(absl::StrCat(Day(first), "..", Day(last), " is open already: an opening is for closed days"));
}

bool Overlaps(const store::CalendarExceptionRow& r, absl::CivilDay first, absl::CivilDay last) {
  return r.start_date <= last && r.end_date >= first;
}

}  // namespace

absl::StatusOr<CalendarRange> GetLibraryCalendar(const ServiceContext& ctx, const std::string& library_id,
                                                 std::optional<absl::CivilDay> first,
                                                 std::optional<absl::CivilDay> last) {
  const absl::CivilDay from = first.value_or(ctx.clock->Today());
  const absl::CivilDay to = last.value_or(from + 30);
  if (to < from) return InvalidField("end_date", "must not be before start_date");
  if (to - from + 1 > kMaxCalendarRangeDays) {
    return InvalidField("end_date", absl::StrCat("at most ", kMaxCalendarRangeDays, " days at a time"));
  }
  CalendarRange out;
  out.library_id = library_id;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    out.days.clear();
    out.closures.clear();
    out.openings.clear();
    auto calendar = ctx.calendars->CalendarOf(tx, library_id);
    if (!calendar.ok()) return calendar.status();
    out.days = policy::DescribeDays(*calendar, ctx.calendars->holidays(), from, to);
    if (dynamic_cast<const DatabaseCalendarBook*>(ctx.calendars) == nullptr) return absl::OkStatus();
    auto rows = store::ListCalendarExceptions(tx, library_id, /*share_lock=*/true);
    if (!rows.ok()) return rows.status();
    for (auto& r : *rows) {
      if (!Overlaps(r, from, to)) continue;
      (r.kind == store::CalendarExceptionKind::kClosure ? out.closures : out.openings).push_back(std::move(r));
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<CalendarExceptionResult> CreateCalendarException(const ServiceContext& ctx, const Caller& caller,
                                                                const CalendarExceptionInput& in) {
  if (absl::Status s = CheckMayEdit(caller, in.library_id); !s.ok()) return s;
  auto book = EditableBook(ctx);
  if (!book.ok()) return book.status();
  if (absl::Status s = ValidateInput(in, ctx.clock->Today()); !s.ok()) return s;
  const bool closure = in.kind == store::CalendarExceptionKind::kClosure;
  CalendarExceptionResult result;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    result = {};
    if (!in.request_id.empty()) {
      auto existing = store::FindCalendarExceptionByRequest(tx, in.request_id);
      if (!existing.ok()) return existing.status();
      if (existing->has_value()) {
        const store::CalendarExceptionRow& e = **existing;
        if (e.library_id != in.library_id) return RequestIdReused("library");
        if (e.kind != in.kind) return RequestIdReused(closure ? "kind (an opening)" : "kind (a closure)");
        if (e.start_date != *in.start_date || e.end_date != in.end_date.value_or(*in.start_date)) {
          return RequestIdReused("date range");
        }
        if (e.reason != in.reason) return RequestIdReused("reason");
        result.row = e;
        result.moved = {result.row.moved_due_dates, result.row.moved_pickup_deadlines};
        return absl::OkStatus();
      }
    }
    auto version = store::ReadCalendarStamp(tx, in.library_id, /*share_lock=*/false);
    if (!version.ok()) return version.status();
    if (!version->has_value() || !(*book)->HasLibrary(in.library_id)) {
      return NotFoundError("library", absl::StrCat("libraries/", in.library_id));
    }
    // The library row first: every date computed from this calendar waits for this change, or it for them.
    if (!in.validate_only) {
      if (absl::Status b = store::BumpCalendarVersion(tx, in.library_id); !b.ok()) return b;
    }
    auto rows = store::ListCalendarExceptions(tx, in.library_id, /*share_lock=*/true);
    if (!rows.ok()) return rows.status();
    if (!closure) {
      if (absl::Status s = CheckOpensADay(tx, **book, in, *rows); !s.ok()) return s;
    }
    store::CalendarExceptionRow row;
    row.library_id = in.library_id;
    row.kind = in.kind;
    row.start_date = *in.start_date;
    row.end_date = in.end_date.value_or(*in.start_date);
    row.reason = in.reason;
    row.created_at = ctx.clock->Now();
    row.created_by = absl::StrCat("staff:", caller.staff_login);
    row.request_id = in.request_id;
    if (!in.validate_only) {
      auto id = store::InsertCalendarException(tx, row);
      if (!id.ok()) return id.status();
      row.id = *id;
    }
    rows->push_back(row);
    auto calendar = (*book)->Compose(in.library_id, *rows);
    if (!calendar.ok()) return calendar.status();
    if (closure) {
      auto holidays = (*book)->RefreshHolidays(tx);
      if (!holidays.ok()) return holidays.status();
      auto moved = MoveDeadlinesOffClosedDays(tx, *calendar, **holidays, row.start_date, row.end_date,
                                              MaxSearchDays(ctx), in.validate_only);
      if (!moved.ok()) return moved.status();
      result.moved = *moved;
    }
    row.moved_due_dates = result.moved.due_dates;
    row.moved_pickup_deadlines = result.moved.pickup_deadlines;
    result.row = row;
    if (in.validate_only) return absl::OkStatus();
    if (absl::Status m = store::SetCalendarExceptionMoved(tx, row.id, row.moved_due_dates, row.moved_pickup_deadlines);
        !m.ok()) {
      return m;
    }
    return Audit(tx, ctx, caller, closure ? "calendar.closure.create" : "calendar.opening.create", row, result.moved);
  });
  if (!s.ok()) return s;
  return result;
}

absl::StatusOr<CalendarExceptionResult> DeleteCalendarException(const ServiceContext& ctx, const Caller& caller,
                                                                const std::string& library_id,
                                                                store::CalendarExceptionKind kind, int64_t id) {
  if (absl::Status s = CheckMayEdit(caller, library_id); !s.ok()) return s;
  auto book = EditableBook(ctx);
  if (!book.ok()) return book.status();
  const bool closure = kind == store::CalendarExceptionKind::kClosure;
  const std::string name =
      absl::StrCat("libraries/", library_id, closure ? "/closures/" : "/openings/", id);
  CalendarExceptionResult result;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    result = {};
    auto version = store::ReadCalendarStamp(tx, library_id, /*share_lock=*/false);
    if (!version.ok()) return version.status();
    if (!version->has_value()) return NotFoundError(closure ? "closure" : "opening", name);
    // The library row first, as for a creation.
    if (absl::Status b = store::BumpCalendarVersion(tx, library_id); !b.ok()) return b;
    auto found = store::FindCalendarException(tx, id, /*lock=*/true);
    if (!found.ok()) return found.status();
    if (!found->has_value() || (*found)->library_id != library_id || (*found)->kind != kind) {
      return NotFoundError(closure ? "closure" : "opening", name);
    }
    result.row = **found;
    if (result.row.deleted) return absl::OkStatus();
    // L2: days before today are not changed — removing a closure or opening that has begun would reopen or
    // close them after the fact (a loan due on such a day would stop being overdue).
    const absl::CivilDay today = ctx.clock->Today();
    if (result.row.start_date < today) {
      return Error(absl::StatusCode::kFailedPrecondition, "CALENDAR_DAY_IN_PAST",
                   "始まった休館日・臨時開館日は取り消せません（過去の日は変更できません）")
          .Rule("L2")
          .Field("name", absl::StrCat(name, " began on ", Day(result.row.start_date)))
          .Meta("today", Day(today))
          .English(absl::StrCat(name, " began on ", Day(result.row.start_date), ", before today ", Day(today)));
    }
    if (absl::Status d = store::MarkCalendarExceptionDeleted(tx, id, ctx.clock->Now(),
                                                            absl::StrCat("staff:", caller.staff_login));
        !d.ok()) {
      return d;
    }
    result.row.deleted = true;
    if (!closure) {
      // The days of the opening may be closed again: dates on them move on (R11, B3).
      auto rows = store::ListCalendarExceptions(tx, library_id, /*share_lock=*/true);
      if (!rows.ok()) return rows.status();
      auto calendar = (*book)->Compose(library_id, *rows);
      if (!calendar.ok()) return calendar.status();
      auto holidays = (*book)->RefreshHolidays(tx);
      if (!holidays.ok()) return holidays.status();
      auto moved = MoveDeadlinesOffClosedDays(tx, *calendar, **holidays, result.row.start_date,
                                              result.row.end_date, MaxSearchDays(ctx), /*dry_run=*/false);
      if (!moved.ok()) return moved.status();
      result.moved = *moved;
    }
    return Audit(tx, ctx, caller, closure ? "calendar.closure.delete" : "calendar.opening.delete", result.row,
                 result.moved);
  });
  if (!s.ok()) return s;
  return result;
}

}  // namespace shiori::app
