// The mail options that shiori-server and `shiori-admin mail send-pending` share, as CLI11 flags:
//   --smtp-url smtp://host:port | smtps://host:port   (no URL: mail stays in the outbox)
//   --smtp-user NAME  --smtp-password-file FILE        (optional SMTP AUTH; TLS is then required)
//   --mail-from "図書館 <noreply@example.jp>"            (From, envelope sender, default library_name)
//   --mail-templates DIR                               (default: the repository's config/mail)
//   --confirm-base-url URL                             (prefix of confirmation links, P4, P7)
#ifndef SHIORI_SERVER_APP_MAIL_FLAGS_H_
#define SHIORI_SERVER_APP_MAIL_FLAGS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/app/mail_delivery.h"
#include "server/app/mail_worker.h"

namespace shiori::app {

struct MailFlags {
  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password_file;
  std::string mail_from = "図書館 <noreply@localhost>";
  std::string templates_dir;  // empty: DefaultConfigDir() + "/mail"
  std::string confirm_base_url;

  bool enabled() const { return !smtp_url.empty(); }
};

// Adds the flags above to `app`, writing into `flags` (which must outlive the parse).
void AddMailFlags(CLI::App& app, MailFlags* flags);

// The delivery configuration: reads the password file (one line; the trailing line break is dropped) and
// parses --mail-from. INVALID_ARGUMENT / NOT_FOUND naming the flag otherwise.
absl::StatusOr<MailDeliveryConfig> MailDeliveryConfigFrom(const MailFlags& flags);

// For shiori-server: nullptr (and a line saying mail stays in the outbox) without --smtp-url, else a started
// worker (and a line saying where mail goes). Errors of MailDeliveryConfigFrom / MailDelivery::Create.
absl::StatusOr<std::unique_ptr<MailWorker>> StartMailWorker(const MailFlags& flags, store::Database* db,
                                                            const Clock* clock);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_MAIL_FLAGS_H_
