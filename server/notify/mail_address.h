// A mail address as the notify layer uses it: an ASCII addr-spec plus an optional display name in UTF-8.
// The same check guards the message headers and the SMTP envelope, so no address can smuggle CR/LF, angle
// brackets or spaces into either (header or SMTP command injection).
#ifndef SHIORI_SERVER_NOTIFY_MAIL_ADDRESS_H_
#define SHIORI_SERVER_NOTIFY_MAIL_ADDRESS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace shiori::notify {

struct MailAddress {
  std::string display_name;  // UTF-8, may be empty; Japanese names are RFC 2047-encoded in headers
  std::string address;       // addr-spec, e.g. "hanako@example.jp"
};

// True for `local@domain` where local is atext characters and dots (at most 64), domain is dot-separated
// letter/digit/hyphen labels, and the whole is at most 254 characters. Dots in the local part may lead,
// trail or repeat: old Japanese mobile-carrier addresses look like "taro..x.@docomo.ne.jp", and refusing
// them would lock those patrons out of their mail. Quoted local parts and non-ASCII addresses are refused.
bool IsValidMailAddress(absl::string_view address);

// OK, or INVALID_ARGUMENT (reason INVALID_MAIL_ADDRESS) with a field violation on `field`.
absl::Status CheckMailAddress(absl::string_view field, absl::string_view address);

// The part after the '@' (empty when there is none).
absl::string_view DomainOf(absl::string_view address);

}  // namespace shiori::notify

#endif  // SHIORI_SERVER_NOTIFY_MAIL_ADDRESS_H_
