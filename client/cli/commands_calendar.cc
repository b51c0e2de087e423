// The calendar commands (L1–L3, R11, B3): `shiori calendar LIBRARY [--month 2026-12]` prints a month as a grid
// with closed days marked and a legend of the reasons (or the days as JSON with --json), and for staff
// `shiori staff closure add LIBRARY --from D [--to D] --reason R` / `shiori staff closure remove NAME`, and the
// same for `shiori staff opening` (臨時開館).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "commands.h"

namespace shiori::cli {
namespace {

google::type::Date ToDate(absl::CivilDay d) {
  google::type::Date out;
  out.set_year(static_cast<int32_t>(d.year()));
  out.set_month(d.month());
  out.set_day(d.day());
  return out;
}

bool ParseDay(const std::string& text, absl::CivilDay* out) { return absl::ParseCivilTime(text, out); }

struct CalendarArgs {
  std::string library;
  std::string month;  // 2026-12
};

// Monday-first weeks, as the library's notices print them. Closed days carry "×"-like marks in ASCII so that
// the columns stay aligned in any terminal: `*` closed, `+` exceptional opening.
void PrintMonth(std::ostream& out, const std::string& library_name, absl::CivilMonth month,
                const v1::GetCalendarResponse& cal) {
  out << library_name << " " << month.year() << "年" << month.month() << "月\n";
  out << "  月  火  水  木  金  土  日\n";
  const absl::CivilDay first(month);
  int column = (static_cast<int>(absl::GetWeekday(first)) - static_cast<int>(absl::Weekday::monday) + 7) % 7;
  std::string line(column * 4, ' ');
  std::map<std::string, std::vector<int>> closed_by_reason;
  std::vector<int> openings;
  for (const auto& d : cal.days()) {
    std::string mark = " ";
    if (!d.open()) {
      mark = "*";
      std::string reason = d.reason();
      if (!d.holiday_name().empty()) reason = absl::StrCat(reason, "（", d.holiday_name(), "）");
      closed_by_reason[reason].push_back(d.date().day());
    } else if (d.exceptional_opening()) {
      mark = "+";
      openings.push_back(d.date().day());
    }
    line += absl::StrFormat("%3d%s", d.date().day(), mark);
    if (++column == 7) {
      out << line << "\n";
      line.clear();
      column = 0;
    }
  }
  if (!line.empty()) out << line << "\n";
  out << "\n* 休館日 (closed)\n";
  for (const auto& [reason, days] : closed_by_reason) {
    out << "  " << reason << ": " << absl::StrJoin(days, ", ") << "\n";
  }
  if (!openings.empty()) out << "+ 臨時開館 (exceptional opening): " << absl::StrJoin(openings, ", ") << "\n";
  for (const auto& c : cal.closures()) {
    out << "  " << c.name() << "  " << c.reason() << "\n";
  }
  // Hours of the first open day of each kind (weekday / Sunday), the usual ones.
  std::string weekday_hours, sunday_hours;
  for (const auto& d : cal.days()) {
    if (!d.open() || d.opens().empty()) continue;
    absl::CivilDay day(d.date().year(), d.date().month(), d.date().day());
    std::string& slot = absl::GetWeekday(day) == absl::Weekday::sunday ? sunday_hours : weekday_hours;
    if (slot.empty()) slot = absl::StrCat(d.opens(), "–", d.closes());
  }
  if (!weekday_hours.empty()) out << "開館時間 (hours): " << weekday_hours;
  if (!sunday_hours.empty()) out << "（日曜 Sunday " << sunday_hours << "）";
  if (!weekday_hours.empty() || !sunday_hours.empty()) out << "\n";
}

int RunCalendar(Context& ctx, const CalendarArgs& args) {
  absl::CivilMonth month;
  if (!args.month.empty() && !absl::ParseCivilTime(args.month, &month)) {
    return ctx.out().Usage("--month は YYYY-MM の形で指定してください", "--month: YYYY-MM (2026-12)");
  }
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::GetCalendarRequest req;
  req.set_library(ctx.ResolveLibrary(args.library));
  if (args.month.empty()) {
    // This month is the server's (L3: "today" comes from one clock), not this machine's.
    auto now = client->GetCalendar(req);
    if (!now.ok()) return ctx.out().Fail(now.status(), ctx.globals().server);
    month = absl::CivilMonth(absl::CivilDay(now->today().year(), now->today().month(), now->today().day()));
  }
  *req.mutable_start_date() = ToDate(absl::CivilDay(month));
  *req.mutable_end_date() = ToDate(absl::CivilDay(month + 1) - 1);
  auto cal = client->GetCalendar(req);
  if (!cal.ok()) return ctx.out().Fail(cal.status(), ctx.globals().server);
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*cal));
    return kExitOk;
  }
  PrintMonth(ctx.out().text(), ctx.LibraryName(cal->library()), month, *cal);
  return kExitOk;
}

struct ClosureArgs {
  std::string library;
  std::string from, to, reason;
  bool validate_only = false;
  std::string name;  // remove: libraries/LIB/closures/ID, or ID with --library
};

std::string StaffHint(const absl::Status& status) {
  if (status.code() == absl::StatusCode::kUnauthenticated) return "職員としてログインしてください: shiori staff login 職員ID";
  return "";
}

// A closure or opening request (`entry` its Closure or ExceptionalOpening) from the command's arguments; false
// after a usage error was printed.
template <typename Request, typename Entry>
bool FillCalendarEntry(Context& ctx, const ClosureArgs& args, Request& req, Entry* entry) {
  absl::CivilDay from, to;
  if (!ParseDay(args.from, &from) || (!args.to.empty() && !ParseDay(args.to, &to))) {
    ctx.out().Usage("--from/--to は YYYY-MM-DD の形で指定してください", "--from/--to: YYYY-MM-DD");
    return false;
  }
  req.set_parent(ctx.ResolveLibrary(args.library));
  *entry->mutable_start_date() = ToDate(from);
  if (!args.to.empty()) *entry->mutable_end_date() = ToDate(to);
  entry->set_reason(args.reason);
  req.set_validate_only(args.validate_only);
  return true;
}

int RunClosureAdd(Context& ctx, const ClosureArgs& args) {
  v1::CreateClosureRequest req;
  if (!FillCalendarEntry(ctx, args, req, req.mutable_closure())) return kExitUsage;
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  auto made = client->CreateClosure(req);
  if (!made.ok()) return ctx.out().Fail(made.status(), ctx.globals().server, StaffHint(made.status()));
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*made));
    return kExitOk;
  }
  auto& out = ctx.out().text();
  out << (args.validate_only ? "休館日を追加できます（確認のみ） (validate only): " : "休館日を追加しました (closure added): ")
      << made->closure().name() << "\n";
  out << "  " << args.from << (args.to.empty() ? "" : absl::StrCat(" – ", args.to)) << " " << args.reason << "\n";
  out << "  返却期限の移動 due dates moved: " << made->moved_due_dates()
      << ", 取置期限の移動 pickup deadlines moved: " << made->moved_pickup_deadlines() << "\n";
  return kExitOk;
}

// The resource name of a calendar entry of `collection` ("closures", "openings"): as given, or made of its id and
// --library. Empty after a usage error was printed.
std::string EntryName(Context& ctx, const ClosureArgs& args, absl::string_view collection) {
  std::string name = args.name;
  int64_t id = 0;
  if (!absl::SimpleAtoi(name, &id)) return name;
  if (args.library.empty()) {
    ctx.out().Usage(absl::StrCat("libraries/main/", collection, "/12 の形か --library を指定してください"),
                    absl::StrCat("give the full name (libraries/main/", collection, "/12) or --library"));
    return "";
  }
  name = absl::StrCat(ctx.ResolveLibrary(args.library), "/", collection, "/", id);
  if (name.rfind("libraries/", 0) != 0) name = absl::StrCat("libraries/", name);
  return name;
}

int RunClosureRemove(Context& ctx, const ClosureArgs& args) {
  const std::string name = EntryName(ctx, args, "closures");
  if (name.empty()) return kExitUsage;
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::DeleteClosureRequest req;
  req.set_name(name);
  auto removed = client->DeleteClosure(req);
  if (!removed.ok()) return ctx.out().Fail(removed.status(), ctx.globals().server, StaffHint(removed.status()));
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*removed));
    return kExitOk;
  }
  ctx.out().text() << "休館日を取り消しました (closure removed): " << name << "\n";
  return kExitOk;
}

// L2: 臨時開館, an exceptional opening on a normally closed day (it wins over every closing rule).
int RunOpeningAdd(Context& ctx, const ClosureArgs& args) {
  v1::CreateOpeningRequest req;
  if (!FillCalendarEntry(ctx, args, req, req.mutable_opening())) return kExitUsage;
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  auto made = client->CreateOpening(req);
  if (!made.ok()) return ctx.out().Fail(made.status(), ctx.globals().server, StaffHint(made.status()));
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*made));
    return kExitOk;
  }
  auto& out = ctx.out().text();
  out << (args.validate_only ? "臨時開館日を追加できます（確認のみ） (validate only)" : "臨時開館日を追加しました (opening added): ")
      << made->name() << "\n";
  out << "  " << args.from << (args.to.empty() ? "" : absl::StrCat(" – ", args.to)) << " " << args.reason << "\n";
  return kExitOk;
}

int RunOpeningRemove(Context& ctx, const ClosureArgs& args) {
  const std::string name = EntryName(ctx, args, "openings");
  if (name.empty()) return kExitUsage;
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::DeleteOpeningRequest req;
  req.set_name(name);
  auto removed = client->DeleteOpening(req);
  if (!removed.ok()) return ctx.out().Fail(removed.status(), ctx.globals().server, StaffHint(removed.status()));
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*removed));
    return kExitOk;
  }
  ctx.out().text() << "臨時開館日を取り消しました (opening removed): " << name << "\n"
                   << "  返却期限の移動 due dates moved: " << removed->moved_due_dates()
                   << ", 取置期限の移動 pickup deadlines moved: " << removed->moved_pickup_deadlines() << "\n";
  return kExitOk;
}

}  // namespace

void AddCalendarCommands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CalendarArgs>();
  auto* calendar = app.add_subcommand("calendar", "開館カレンダー (a library's calendar for a month)");
  calendar->add_option("library", args->library, "館 (main, 本館 …)")->required();
  calendar->add_option("--month", args->month, "月 YYYY-MM (default: this month)");
  calendar->callback([&ctx, args] { ctx.set_exit_code(RunCalendar(ctx, *args)); });

  auto closure_args = std::make_shared<ClosureArgs>();
  auto* closure = StaffGroup(app)->add_subcommand("closure", "臨時休館日 (one-off closures, L2)");
  closure->require_subcommand(1);
  auto* add = closure->add_subcommand("add", "休館日を追加する (add a closure; moves due dates, R11/B3)");
  add->add_option("library", closure_args->library, "館 (main, 本館 …)")->required();
  add->add_option("--from", closure_args->from, "初日 YYYY-MM-DD")->required();
  add->add_option("--to", closure_args->to, "最終日 YYYY-MM-DD (default: the first day)");
  add->add_option("--reason", closure_args->reason, "理由 (蔵書点検 …)")->required();
  add->add_flag("--validate-only", closure_args->validate_only, "確かめるだけ (count what would move)");
  add->callback([&ctx, closure_args] { ctx.set_exit_code(RunClosureAdd(ctx, *closure_args)); });
  auto* remove = closure->add_subcommand("remove", "休館日を取り消す (remove a closure)");
  remove->add_option("closure", closure_args->name, "libraries/LIB/closures/ID, or ID with --library")->required();
  remove->add_option("--library", closure_args->library, "館 (when only the ID is given)");
  remove->callback([&ctx, closure_args] { ctx.set_exit_code(RunClosureRemove(ctx, *closure_args)); });

  auto opening_args = std::make_shared<ClosureArgs>();
  auto* opening = StaffGroup(app)->add_subcommand("opening", "臨時開館日 (exceptional openings on closed days, L2)");
  opening->require_subcommand(1);
  auto* open = opening->add_subcommand("add", "臨時開館日を追加する (open on a day the library is normally closed)");
  open->add_option("library", opening_args->library, "館 (main, 本館 …)")->required();
  open->add_option("--from", opening_args->from, "初日 YYYY-MM-DD")->required();
  open->add_option("--to", opening_args->to, "最終日 YYYY-MM-DD (default: the first day)");
  open->add_option("--reason", opening_args->reason, "理由 (臨時開館 …)")->required();
  open->add_flag("--validate-only", opening_args->validate_only, "確かめるだけ (check without adding)");
  open->callback([&ctx, opening_args] { ctx.set_exit_code(RunOpeningAdd(ctx, *opening_args)); });
  auto* unopen = opening->add_subcommand("remove", "臨時開館日を取り消す (remove an opening; moves due dates off it)");
  unopen->add_option("opening", opening_args->name, "libraries/LIB/openings/ID, or ID with --library")->required();
  unopen->add_option("--library", opening_args->library, "館 (when only the ID is given)");
  unopen->callback([&ctx, opening_args] { ctx.set_exit_code(RunOpeningRemove(ctx, *opening_args)); });
}

}  // namespace shiori::cli
