// The command groups of `shiori`. Each group lives in its own commands_<group>.cc and adds its subcommands to
// the app; main.cc lists the groups. A subcommand's callback runs the command and stores its exit status in
// the Context (Context::set_exit_code), so that commands never exit the process themselves.
//
// A later group (loans, renew, calendar, staff …) adds a file, one declaration here and one line in main.cc.
#ifndef SHIORI_CLIENT_CLI_COMMANDS_H_
#define SHIORI_CLIENT_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "context.h"

namespace shiori::cli {

// libraries, search, show (rules C1–C3).
void AddCatalogCommands(CLI::App& app, Context& ctx);
// login, logout (P3, P8, P9).
void AddSessionCommands(CLI::App& app, Context& ctx);
// reserve, reservations, cancel (R1–R14); staff reserve (窓口予約, R3).
void AddReservationCommands(CLI::App& app, Context& ctx);
// loans, renew, history (B1, B2, B6).
void AddLoanCommands(CLI::App& app, Context& ctx);
// staff login, checkout, checkin, receive, force-return, issue-received and the desk's lists (B4, B5, R5, R9–R12).
void AddStaffCommands(CLI::App& app, Context& ctx);

// The `staff` group, made by the first command group that adds to it (the desk's commands need a staff session).
CLI::App* StaffGroup(CLI::App& app);

// register-password, confirm, password, profile, email add|remove|notify|confirm (P4, P5, P7).
void AddAccountCommands(CLI::App& app, Context& ctx);
// staff patron add|show|find|edit|reset-password (P10); joins the `staff` group when it exists.
void AddStaffPatronCommands(CLI::App& app, Context& ctx);
// calendar LIBRARY [--month]; staff closure add|remove (L1–L3, R11, B3); joins the `staff` group.
void AddCalendarCommands(CLI::App& app, Context& ctx);
// staff audit [--actor] [--action] [--target] [--limit] (P10); joins the `staff` group.
void AddAuditCommands(CLI::App& app, Context& ctx);

}  // namespace shiori::cli

#endif  // SHIORI_CLIENT_CLI_COMMANDS_H_
