// See mail_flags.h.
#include "server/app/mail_flags.h"

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/app/config_files.h"
#include "server/common/error.h"

namespace shiori::app {

void AddMailFlags(CLI::App& app, MailFlags* flags) {
  app.add_option("--smtp-url", flags->smtp_url,
                 "deliver outbox mail to this SMTP server (smtp://host:port, STARTTLS when offered, or "
                 "smtps://host:port); without it mail stays in the outbox");
  app.add_option("--smtp-user", flags->smtp_user, "SMTP AUTH user name (requires TLS)");
  app.add_option("--smtp-password-file", flags->smtp_password_file, "file holding the SMTP AUTH password");
  app.add_option("--mail-from", flags->mail_from, "From: the library's name and address, e.g. \"図書館 <noreply@example.jp>\" (the name is the mails' 【…】 and signature)");
  app.add_option("--mail-templates", flags->templates_dir, "folder of mail templates (default config/mail)");
  app.add_option("--confirm-base-url", flags->confirm_base_url,
                 "start of confirmation links, an http(s) URL (the token is added as ?token=…); required with "
                 "--smtp-url");
}

absl::StatusOr<MailDeliveryConfig> MailDeliveryConfigFrom(const MailFlags& flags) {
  MailDeliveryConfig config;
  config.smtp.url = flags.smtp_url;
  config.smtp.username = flags.smtp_user;
  if (!flags.smtp_password_file.empty()) {
    auto password = ReadTextFile(flags.smtp_password_file);
    if (!password.ok()) {
      return Error(absl::StatusCode::kNotFound, "SMTP_PASSWORD_FILE_UNREADABLE", "パスワードファイルを読めません")
          .Field("smtp_password_file", std::string(password.status().message()))
          .English(absl::StrCat("--smtp-password-file: ", password.status().message()));
    }
    std::string p = *password;
    while (!p.empty() && (p.back() == '\n' || p.back() == '\r')) p.pop_back();
    config.smtp.password = std::move(p);
  }
  auto from = ParseMailFrom(flags.mail_from);
  if (!from.ok()) return from.status();
  config.identity.from = *from;
  // Confirmation mails (P4, P7) carry a link: without its start they could not be sent, and a patron would
  // wait for a mail that never comes. So mail is not delivered at all without it.
  const std::string& base = flags.confirm_base_url;
  if (!absl::StartsWith(base, "https://") && !absl::StartsWith(base, "http://")) {
    return Error(absl::StatusCode::kInvalidArgument, "CONFIRM_BASE_URL_REQUIRED",
                 "確認メールのリンク（--confirm-base-url）を指定してください")
        .Field("confirm_base_url", "an http(s) URL, the start of the links in confirmation mails")
        .English(base.empty() ? "--confirm-base-url is required to deliver mail: confirmation mails carry a link"
                              : absl::StrCat("--confirm-base-url must be an http(s) URL, not '", base, "'"));
  }
  config.identity.confirm_base_url = base;
  config.templates_dir = flags.templates_dir.empty() ? DefaultConfigDir() + "/mail" : flags.templates_dir;
  return config;
}

absl::StatusOr<std::unique_ptr<MailWorker>> StartMailWorker(const MailFlags& flags, store::Database* db,
                                                            const Clock* clock) {
  if (!flags.enabled()) {
    std::printf("shiori-server: no --smtp-url: mail stays in the outbox (shiori-admin mail list)\n");
    return std::unique_ptr<MailWorker>();
  }
  auto config = MailDeliveryConfigFrom(flags);
  if (!config.ok()) return config.status();
  auto delivery = MailDelivery::Create(std::move(*config));
  if (!delivery.ok()) return delivery.status();
  std::printf("shiori-server: mail to %s from %s (sender id %s)\n", flags.smtp_url.c_str(), flags.mail_from.c_str(),
              (*delivery)->sender_id().c_str());
  auto worker = std::make_unique<MailWorker>(db, clock, std::move(*delivery));
  worker->Start();
  return worker;
}

}  // namespace shiori::app
