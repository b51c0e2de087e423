// See confirmation_mail.h.
#include "server/app/confirmation_mail.h"

#include "absl/strings/str_cat.h"
#include "server/auth/secret_token.h"
#include "server/app/mail_dates.h"
#include "server/policy/account_rules.h"
#include "server/store/outbox_store.h"

namespace shiori::app {

absl::StatusOr<ConfirmationToken> NewConfirmationToken(const ServiceContext& ctx, absl::Time now) {
  auto token = auth::NewSecretToken();
  if (!token.ok()) return token.status();
  return ConfirmationToken{*token, auth::TokenHash(*token), policy::ConfirmationExpiry(now, ctx.policy.account())};
}

absl::Status EnqueueConfirmationMail(store::Tx& tx, const std::string& kind, const std::string& recipient,
                                     const ConfirmationToken& token, absl::Time now) {
  store::OutboxMail mail;
  mail.dedupe_key = absl::StrCat("confirm:", token.hash);
  mail.kind = kind;
  mail.recipient = recipient;
  mail.template_name = kind;
  mail.params["confirm_token"] = token.token;
  mail.params["expires_at"] = JapaneseDateTime(token.expires_at);
  mail.now = now;
  auto written = store::EnqueueMail(tx, mail);
  return written.status();
}

}  // namespace shiori::app
