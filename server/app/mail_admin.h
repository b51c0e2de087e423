// `shiori-admin mail …` (rules M1, R15):
//   mail send-pending [--retry-now] [mail flags]   one delivery run: sends every due mail, then exits
//   mail list [--state pending|sending|sent|failed|all] [--limit N]
// `mail list` shows the outbox rows, one a line, so staff can see mail waiting without a mail server.
#ifndef SHIORI_SERVER_APP_MAIL_ADMIN_H_
#define SHIORI_SERVER_APP_MAIL_ADMIN_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/app/mail_flags.h"
#include "server/store/database.h"
#include "server/store/outbox_store.h"

namespace shiori::app {

// "pending", "sending", "sent", "failed", "withdrawn"; "" or "all" is nullopt. INVALID_ARGUMENT (field state) otherwise.
absl::StatusOr<std::optional<store::OutboxState>> ParseOutboxState(absl::string_view text);
absl::string_view OutboxStateName(store::OutboxState state);

// A header line, then the newest `limit` rows in `state`, then a count per state.
absl::StatusOr<std::string> MailListText(store::Database& db, std::optional<store::OutboxState> state, int limit);

struct MailCommand {
  CLI::App* send_pending = nullptr;
  CLI::App* list = nullptr;
  MailFlags flags;
  bool retry_now = false;  // send-pending: pending mail is due now whatever its backoff
  std::string state;
  int limit = 100;
};

// Adds "mail" with its two subcommands to the admin tool. `command` must outlive the parse.
void AddMailCommands(CLI::App& cli, MailCommand* command);
// After the parse: nullopt when no mail subcommand was given, else the exit status (0 ok, 1 failed). Opens
// the database like the other admin commands (state_dir or mysql URL).
std::optional<int> RunMailCommand(const MailCommand& command, const std::string& state_dir, const std::string& mysql);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_MAIL_ADMIN_H_
