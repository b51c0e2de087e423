// The confirmation mails of accounts (P4 registration, P7 mail address): a fresh single-use token, its expiry
// by the policy, and the outbox row that carries it (M1: written in the caller's transaction). The outbox
// sender turns `confirm_token` into the link (confirm_url) with its configured base URL.
#ifndef SHIORI_SERVER_APP_CONFIRMATION_MAIL_H_
#define SHIORI_SERVER_APP_CONFIRMATION_MAIL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/app/service_context.h"
#include "server/store/database.h"

namespace shiori::app {

struct ConfirmationToken {
  std::string token;  // goes only into the mail
  std::string hash;   // what is stored
  absl::Time expires_at;
};

absl::StatusOr<ConfirmationToken> NewConfirmationToken(const ServiceContext& ctx, absl::Time now);

// Writes the mail (`kind` = template = registration_confirm or email_confirm) to `recipient`.
absl::Status EnqueueConfirmationMail(store::Tx& tx, const std::string& kind, const std::string& recipient,
                                     const ConfirmationToken& token, absl::Time now);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_CONFIRMATION_MAIL_H_
