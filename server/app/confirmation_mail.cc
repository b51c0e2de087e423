// See confirmation_mail.h.
#include "server/app/confirmation_mail.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/auth/secret_token.h"
#include "server/common/clock.h"
#include "server/policy/account_rules.h"
#include "server/store/outbox_store.h"

namespace shiori::app {

absl::StatusOr<ConfirmationToken> NewConfirmationToken(const ServiceContext& ctx, absl::Time now) {
  auto token = auth::NewSecretToken();
  if (!token.ok()) return token.status();
  return ConfirmationToken{*token, auth::TokenHash(*token), policy::ConfirmationExpiry(now, ctx.policy.account())};
}

std::string JapaneseDateTime(absl::Time t) {
  static const char* const kWeekdays[] = {"月", "火", "水", "木", "金", "土", "日"};
  const absl::CivilSecond s = absl::ToCivilSecond(t, TokyoZone());
  const int wd = static_cast<int>(absl::GetWeekday(absl::CivilDay(s)));  // Monday = 0
  return absl::StrFormat("%d年%d月%d日（%s）%02d:%02d", s.year(), s.month(), s.day(), kWeekdays[wd], s.hour(),
                         s.minute());
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
