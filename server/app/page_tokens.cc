// See page_tokens.h.
#include "server/app/page_tokens.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "server/auth/secret_token.h"
#include "server/common/error.h"

namespace shiori::app {
namespace {

constexpr size_t kFingerprintChars = 16;  // of the SHA-256 in hex: mistakes are caught, not attackers

std::string Fingerprint(absl::string_view request) {
  return auth::TokenHash(absl::StrCat("page:", request)).substr(0, kFingerprintChars);
}

absl::Status NotThisListsToken() {
  return InvalidField("page_token", "not a page token of this list and query", "INVALID_PAGE_TOKEN");
}

}  // namespace

std::string MakePageToken(absl::string_view position, absl::string_view request) {
  return absl::WebSafeBase64Escape(absl::StrCat(position, "|", Fingerprint(request)));
}

absl::StatusOr<std::string> PagePosition(absl::string_view token, absl::string_view request) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) return NotThisListsToken();
  const size_t bar = raw.rfind('|');
  if (bar == std::string::npos || raw.substr(bar + 1) != Fingerprint(request)) return NotThisListsToken();
  return raw.substr(0, bar);
}

}  // namespace shiori::app
