// See mail_admin.h.
#include "server/app/mail_admin.h"

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/common/clock.h"
#include "server/common/error.h"
#include "server/store/database_location.h"
#include "server/store/sql_value.h"

namespace shiori::app {

absl::StatusOr<std::optional<store::OutboxState>> ParseOutboxState(absl::string_view text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (t.empty() || t == "all") return std::optional<store::OutboxState>();
  if (t == "pending") return std::optional<store::OutboxState>(store::OutboxState::kPending);
  if (t == "sending") return std::optional<store::OutboxState>(store::OutboxState::kSending);
  if (t == "sent") return std::optional<store::OutboxState>(store::OutboxState::kSent);
  if (t == "failed") return std::optional<store::OutboxState>(store::OutboxState::kFailed);
  if (t == "withdrawn") return std::optional<store::OutboxState>(store::OutboxState::kWithdrawn);
  return InvalidField("state", "want pending, sending, sent, failed, withdrawn or all", "OUTBOX_STATE_INVALID");
}

absl::string_view OutboxStateName(store::OutboxState state) {
  switch (state) {
    case store::OutboxState::kPending:
      return "pending";
    case store::OutboxState::kSending:
      return "sending";
    case store::OutboxState::kSent:
      return "sent";
    case store::OutboxState::kFailed:
      return "failed";
    case store::OutboxState::kWithdrawn:
      return "withdrawn";
  }
  return "unknown";
}

absl::StatusOr<std::string> MailListText(store::Database& db, std::optional<store::OutboxState> state, int limit) {
  std::string out = "id\tstate\tattempts\tkind\trecipient\twhen\tdedupe_key\tlast_error\n";
  absl::Status s = db.WithConnection([&](store::Tx& tx) -> absl::Status {
    auto rows = store::ListMail(tx, state, limit);
    if (!rows.ok()) return rows.status();
    for (const store::OutboxRow& r : *rows) {
      const absl::Time when = r.state == store::OutboxState::kSent && r.sent_at            ? *r.sent_at
                              : r.state == store::OutboxState::kSending && r.claimed_until ? *r.claimed_until
                                                                                           : r.next_attempt_at;
      absl::StrAppend(&out, r.id, "\t", OutboxStateName(r.state), "\t", r.attempts, "\t", r.kind, "\t", r.recipient,
                      "\t", store::FormatSqlTime(when), "\t", r.dedupe_key, "\t", r.last_error, "\n");
    }
    auto counts = store::CountMailByState(tx);
    if (!counts.ok()) return counts.status();
    std::string summary;
    for (auto st : {store::OutboxState::kPending, store::OutboxState::kSending, store::OutboxState::kSent,
                    store::OutboxState::kFailed, store::OutboxState::kWithdrawn}) {
      auto it = counts->find(st);
      absl::StrAppend(&summary, summary.empty() ? "" : ", ", OutboxStateName(st), " ",
                      it == counts->end() ? 0 : it->second);
    }
    absl::StrAppend(&out, "total: ", summary, "\n");
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

void AddMailCommands(CLI::App& cli, MailCommand* command) {
  CLI::App* mail = cli.add_subcommand("mail", "the mail outbox (M1)");
  mail->require_subcommand(1);
  command->send_pending = mail->add_subcommand("send-pending", "send the due outbox mail once, then exit");
  AddMailFlags(*command->send_pending, &command->flags);
  command->send_pending->add_flag("--retry-now", command->retry_now,
                                  "send pending mail now even if it waits after a temporary failure");
  command->list = mail->add_subcommand("list", "show outbox mail, newest first");
  command->list->add_option("--state", command->state, "pending, sending, sent, failed, withdrawn or all");
  command->list->add_option("--limit", command->limit, "at most this many rows, 1–10000 (default 100)")
      ->check(CLI::Range(1, 10000));
}

std::optional<int> RunMailCommand(const MailCommand& command, const std::string& state_dir, const std::string& mysql) {
  const bool send = command.send_pending && command.send_pending->parsed();
  const bool list = command.list && command.list->parsed();
  if (!send && !list) return std::nullopt;
  auto fail = [](const absl::Status& s) {
    std::fprintf(stderr, "shiori-admin: %s\n", std::string(s.message()).c_str());
    return 1;
  };
  auto opened = store::OpenDatabase(state_dir, mysql, 2, store::StateDirUse::kExisting);
  if (!opened.ok()) return fail(opened.status());
  store::Database& db = *(*opened)->db;
  if (list) {
    auto state = ParseOutboxState(command.state);
    if (!state.ok()) return fail(state.status());
    auto text = MailListText(db, *state, command.limit);
    if (!text.ok()) return fail(text.status());
    std::fputs(text->c_str(), stdout);
    return 0;
  }
  if (!command.flags.enabled()) return fail(absl::InvalidArgumentError("mail send-pending needs --smtp-url"));
  auto config = MailDeliveryConfigFrom(command.flags);
  if (!config.ok()) return fail(config.status());
  auto delivery = MailDelivery::Create(std::move(*config));
  if (!delivery.ok()) return fail(delivery.status());
  SystemClock clock;
  auto counts = (*delivery)->SendAllDue(db, clock, command.retry_now);
  if (!counts.ok()) return fail(counts.status());
  std::printf("mail send-pending: %d sent, %d to retry, %d failed, %d withdrawn, %d taken over\n", counts->sent,
              counts->retried, counts->failed, counts->withdrawn, counts->lost);
  return 0;
}

}  // namespace shiori::app
