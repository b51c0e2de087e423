// The RFC 5322 / MIME text of one notice mail (rule M1): Japanese subjects and names as RFC 2047 encoded
// words of whole UTF-8 characters, every header line within 78 characters, a text/plain UTF-8 body in base64
// or quoted-printable, CRLF line ends. Pure: the Date is a parameter and the Message-ID is given or derived
// from the event's dedupe key, so building the same mail twice gives the same bytes (a retried send is the
// same message). Thread-safe (no shared state).
#ifndef SHIORI_SERVER_NOTIFY_MIME_MESSAGE_H_
#define SHIORI_SERVER_NOTIFY_MIME_MESSAGE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/notify/header_field.h"
#include "server/notify/mail_address.h"

namespace shiori::notify {

enum class BodyEncoding { kBase64, kQuotedPrintable };

// A display name that is not plain ASCII atoms goes as one B-encoded word when it fits (up to 15 Japanese
// characters); longer names are split into several words, which some readers show with a space between.
struct MailMessage {
  MailAddress from;
  std::vector<MailAddress> to;  // at least one
  std::string subject;          // UTF-8, one line
  std::string body;             // UTF-8 text; line ends may be LF or CRLF
  absl::Time date;              // the Date header, written in Asia/Tokyo (+0900)

  // The Message-ID without angle brackets ("id@domain"). When empty it is derived from dedupe_key and the
  // From address's domain with MessageIdFor; one of the two must be set.
  std::string message_id;
  std::string dedupe_key;

  // List-Unsubscribe URIs (RFC 2369) without brackets, e.g. "https://…/unsubscribe?t=…" or "mailto:…".
  std::vector<std::string> list_unsubscribe;
  // Adds "List-Unsubscribe-Post: List-Unsubscribe=One-Click" (RFC 8058; needs an https URI above).
  bool list_unsubscribe_one_click = false;

  BodyEncoding body_encoding = BodyEncoding::kBase64;
  WordEncoding word_encoding = WordEncoding::kBase64;  // for the subject; display names are always B
};

// "<sanitised key prefix>.<64-bit hash of the key>@<domain>": the same key and domain always give the same
// id. The readable prefix keeps the key's letters, digits and '-', with other characters as '.'.
// INVALID_ARGUMENT when the key is empty or the domain is not a host name.
absl::StatusOr<std::string> MessageIdFor(absl::string_view dedupe_key, absl::string_view domain);

// The whole message: headers, an empty line, the encoded body; every line ends in CRLF.
// INVALID_ARGUMENT (with the field named) for a bad address, no recipient, a subject, name or body that is
// not valid UTF-8, a subject or name with a line break or control character, no Message-ID source, a
// Message-ID or unsubscribe URI with characters not allowed there, or one-click without an https URI.
absl::StatusOr<std::string> BuildMimeMessage(const MailMessage& message);

// The Date header value for `t`: "Wed, 08 May 2024 09:30:00 +0900" (English names whatever the locale).
std::string Rfc5322Date(absl::Time t);

}  // namespace shiori::notify

#endif  // SHIORI_SERVER_NOTIFY_MIME_MESSAGE_H_
