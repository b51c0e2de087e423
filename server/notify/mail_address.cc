// See mail_address.h.
#include "server/notify/mail_address.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "server/common/error.h"

namespace shiori::notify {
namespace {

bool IsAtext(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
         absl::StrContains("!#$%&'*+-/=?^_`{|}~", c);
}

bool IsDomain(absl::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  for (absl::string_view label : absl::StrSplit(domain, '.')) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
  }
  return true;
}

}  // namespace

bool IsValidMailAddress(absl::string_view address) {
  if (address.size() > 254) return false;
  const size_t at = address.rfind('@');
  if (at == absl::string_view::npos) return false;
  const absl::string_view local = address.substr(0, at);
  if (local.empty() || local.size() > 64) return false;
  bool has_atext = false;
  for (char c : local) {
    if (c == '.') continue;
    if (!IsAtext(c)) return false;
    has_atext = true;
  }
  return has_atext && IsDomain(address.substr(at + 1));
}

absl::Status CheckMailAddress(absl::string_view field, absl::string_view address) {
  if (IsValidMailAddress(address)) return absl::OkStatus();
  return InvalidField(field, "not a valid mail address (local@domain, ASCII)", "INVALID_MAIL_ADDRESS");
}

absl::string_view DomainOf(absl::string_view address) {
  const size_t at = address.rfind('@');
  return at == absl::string_view::npos ? absl::string_view() : address.substr(at + 1);
}

}  // namespace shiori::notify
