// Turns one outbox row into the exact message and envelope to send (rules M1, R10, P4, P7, N1, N6): renders
// the row's template with its values (escaped by MailTemplate), fills the values the sender owns
// (library_name, confirm_url), adds List-Unsubscribe from unsubscribe_url, and builds the MIME text with the
// Date given and a Message-ID derived from the dedupe key, so every attempt for one event is the same
// message. Pure and thread-safe.
#ifndef SHIORI_SERVER_APP_MAIL_COMPOSER_H_
#define SHIORI_SERVER_APP_MAIL_COMPOSER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/notify/mail_address.h"
#include "server/notify/mail_template.h"
#include "server/notify/smtp_sender.h"
#include "server/store/outbox_store.h"

namespace shiori::app {

struct MailIdentity {
  // The From header and envelope sender; its display name is also the default library_name value.
  notify::MailAddress from;
  // Prefix of confirmation links: confirm_url = base + ("?" or "&") + "token=" + the row's confirm_token.
  std::string confirm_base_url;
};

struct ComposedMail {
  notify::SmtpEnvelope envelope;
  std::string message;  // RFC 5322 text, CRLF line ends
  std::string message_id;
};

// "図書館 <noreply@example.jp>", "\"図書館\" <noreply@example.jp>" or a bare "noreply@example.jp".
// INVALID_ARGUMENT (field mail_from) when the address is not a valid addr-spec or the name has a line break.
absl::StatusOr<notify::MailAddress> ParseMailFrom(absl::string_view text);

// INVALID_ARGUMENT when the row can never become a valid mail (unknown template, a missing value, a bad
// recipient address, a confirm_token without a configured base URL); the sender fails such a row for good.
absl::StatusOr<ComposedMail> ComposeMail(const store::OutboxRow& row, const MailIdentity& identity,
                                         const notify::MailTemplateSet& templates, absl::Time date);

// The wait before the next attempt after `attempts` failed ones: 1 min, 2, 4 … capped at 1 hour.
absl::Duration RetryDelay(int attempts);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_MAIL_COMPOSER_H_
