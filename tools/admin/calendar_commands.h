// shiori-admin commands of the calendar and the clock (L1–L3):
//   shiori-admin [--state-dir DIR | --mysql URL] holidays import FILE.csv
//       the government's holiday CSV (Shift_JIS or UTF-8) into the database; it wins for the years it covers.
//   shiori-admin clock show|set TIME|advance DURATION [--server HOST:PORT] [--tls-ca FILE [--tls-cert FILE
//       --tls-key FILE]] --staff ID [--password-stdin]
//       the test clock of a running server started with --test-clock, through AdminService (an admin login).
// Header-only so that admin_main.cc stays the one source file of the tool.
#ifndef SHIORI_TOOLS_ADMIN_CALENDAR_COMMANDS_H_
#define SHIORI_TOOLS_ADMIN_CALENDAR_COMMANDS_H_

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/app/calendar_book.h"
#include "server/app/config_files.h"
#include "server/app/holiday_import.h"
#include "server/app/service_context.h"
#include "server/common/clock.h"
#include "server/store/database_location.h"
#include "shiori/client.h"
#include "shiori/error_details.h"

namespace shiori::admin {

struct CalendarAdminCommand {
  CLI::App* holidays_import = nullptr;
  std::string holiday_file;
  std::string calendar_file = app::DefaultConfigDir() + "/calendar.textproto";
  CLI::App* clock_show = nullptr;
  CLI::App* clock_set = nullptr;
  CLI::App* clock_advance = nullptr;
  std::string server = "localhost:50051";
  std::string tls_ca;    // as the shiori command line's --tls-ca, --tls-cert, --tls-key
  std::string tls_cert;
  std::string tls_key;
  std::string staff;
  bool password_stdin = false;
  std::string time;
  std::string duration;
};

inline void AddCalendarAdminCommands(CLI::App& cli, CalendarAdminCommand* c) {
  auto* holidays = cli.add_subcommand("holidays", "the national holiday table (L2)");
  holidays->require_subcommand(1);
  c->holidays_import = holidays->add_subcommand("import", "import the government's holiday CSV (syukujitsu.csv)");
  c->holidays_import->add_option("FILE", c->holiday_file, "the CSV file (Shift_JIS or UTF-8)")->required();
  c->holidays_import->add_option("--calendar", c->calendar_file, "the libraries' calendars");

  auto* clock = cli.add_subcommand("clock", "the test clock of a server started with --test-clock (L3)");
  clock->require_subcommand(1);
  for (CLI::App* sub : {c->clock_show = clock->add_subcommand("show", "print the server's now and today"),
                        c->clock_set = clock->add_subcommand("set", "set the clock: 2026-12-10T09:00+09:00"),
                        c->clock_advance = clock->add_subcommand("advance", "advance the clock: 7d, 36h, 1d12h")}) {
    sub->add_option("--server", c->server, "the server's address (HOST:PORT)");
    sub->add_option("--tls-ca", c->tls_ca, "TLS: the CA that signed the server's certificate (turns TLS on)");
    sub->add_option("--tls-cert", c->tls_cert, "TLS: this client's certificate (mutual TLS)");
    sub->add_option("--tls-key", c->tls_key, "TLS: this client's key");
    sub->add_option("--staff", c->staff, "an admin's staff id (a0001)")->required();
    sub->add_flag("--password-stdin", c->password_stdin, "read the password from the first line of stdin");
  }
  c->clock_set->add_option("TIME", c->time, "RFC 3339 with an offset")->required();
  c->clock_advance->add_option("DURATION", c->duration, "days, hours, minutes, seconds: 7d, 36h, 1d12h")->required();
}

namespace internal {

inline int CalendarFail(const absl::Status& s) {
  // The server's messages start with their reason already ("NO_DATABASE: …"); others get it in front.
  const std::string reason = ErrorReason(s);
  const std::string message(s.message());
  const bool has_reason = reason.empty() || absl::StartsWith(message, reason);
  std::fprintf(stderr, "shiori-admin: %s%s\n", has_reason ? "" : absl::StrCat(reason, ": ").c_str(), message.c_str());
  return 1;
}

inline std::string ReadPassword(bool from_stdin) {
  std::string line;
  if (from_stdin || !isatty(STDIN_FILENO)) {
    std::getline(std::cin, line);
  } else {
    std::fprintf(stderr, "パスワード: ");
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~ECHO;
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

inline int ImportHolidays(const CalendarAdminCommand& c, const std::string& state_dir, const std::string& mysql,
                          const std::string& policy_file) {
  auto bytes = app::ReadTextFile(c.holiday_file);
  if (!bytes.ok()) return CalendarFail(bytes.status());
  auto policy = app::LoadPolicyFile(policy_file);
  if (!policy.ok()) return CalendarFail(policy.status());
  auto book = app::DatabaseCalendarBook::Load(c.calendar_file);
  if (!book.ok()) return CalendarFail(book.status());
  auto opened = store::OpenDatabase(state_dir, mysql, 2, store::StateDirUse::kExisting);
  if (!opened.ok()) return CalendarFail(opened.status());
  auto hasher = auth::PasswordHasher::Create(policy->password());
  if (!hasher.ok()) return CalendarFail(hasher.status());
  SystemClock clock;
  app::ServiceContext ctx{(*opened)->db.get(), &clock, *policy, *hasher, book->get()};
  auto result = app::ImportHolidayCsv(ctx, *bytes, "shiori-admin");
  if (!result.ok()) return CalendarFail(result.status());
  std::printf("holidays: %d imported for %zu years (%d-%d); moved %d due dates and %d pickup deadlines\n",
              result->holidays, result->years.size(), *result->years.begin(), *result->years.rbegin(),
              result->moved.due_dates, result->moved.pickup_deadlines);
  for (const auto& [year, counts] : result->fewer_than_the_law) {
    std::fprintf(stderr,
                 "warning: %d: the file has %d holidays, the law gives %d; the file replaces the whole year, so the "
                 "others are no longer holidays (import the government's whole table to restore them)\n",
                 year, counts.first, counts.second);
  }
  return 0;
}

inline void PrintClock(const v1::ClockState& s) {
  std::printf("now %s (%s)%s\n", s.now_tokyo().c_str(), s.now().c_str(), s.test_clock() ? "" : " [system clock]");
}

inline int RunClock(const CalendarAdminCommand& c) {
  ClientOptions options;
  options.server_address = c.server;
  options.tls_ca_file = c.tls_ca;
  options.tls_cert_file = c.tls_cert;
  options.tls_key_file = c.tls_key;
  options.channel = v1::COUNTER;
  auto client = Client::Connect(options);
  if (!client.ok()) return CalendarFail(client.status());
  v1::StaffLoginRequest login;
  login.set_staff_id(c.staff);
  login.set_password(ReadPassword(c.password_stdin));
  auto session = client->StaffLogin(login);
  if (!session.ok()) return CalendarFail(session.status());
  absl::StatusOr<v1::ClockState> state;
  if (c.clock_set->parsed()) {
    v1::SetClockRequest req;
    req.set_time(c.time);
    state = client->SetClock(req);
  } else if (c.clock_advance->parsed()) {
    v1::AdvanceClockRequest req;
    req.set_duration(c.duration);
    state = client->AdvanceClock(req);
  } else {
    state = client->GetClock();
  }
  (void)client->Logout();
  if (!state.ok()) return CalendarFail(state.status());
  PrintClock(*state);
  return 0;
}

}  // namespace internal

// After the parse: nullopt when none of these commands was given, else the exit status (0 ok, 1 failed).
inline std::optional<int> RunCalendarAdminCommand(const CalendarAdminCommand& c, const std::string& state_dir,
                                                  const std::string& mysql, const std::string& policy_file) {
  if (c.holidays_import != nullptr && c.holidays_import->parsed()) {
    return internal::ImportHolidays(c, state_dir, mysql, policy_file);
  }
  if ((c.clock_show != nullptr && c.clock_show->parsed()) || (c.clock_set != nullptr && c.clock_set->parsed()) ||
      (c.clock_advance != nullptr && c.clock_advance->parsed())) {
    return internal::RunClock(c);
  }
  return std::nullopt;
}

}  // namespace shiori::admin

#endif  // SHIORI_TOOLS_ADMIN_CALENDAR_COMMANDS_H_
