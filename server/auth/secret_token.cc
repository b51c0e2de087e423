// See secret_token.h.
#include "server/auth/secret_token.h"

#include <sodium.h>

#include "server/auth/sodium_init.h"

namespace shiori::auth {

static_assert(sodium_base64_ENCODED_LEN(kSecretTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING) ==
              kSecretTokenLength + 1);  // + the NUL libsodium writes
static_assert(2 * crypto_hash_sha256_BYTES == kSecretTokenHashLength);

absl::StatusOr<std::string> NewSecretToken() {
  if (absl::Status s = EnsureSodium(); !s.ok()) return s;
  unsigned char bytes[kSecretTokenBytes];
  randombytes_buf(bytes, sizeof bytes);
  char text[kSecretTokenLength + 1];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes, sizeof bytes);
  std::string token(text, kSecretTokenLength);
  sodium_memzero(text, sizeof text);
  return token;
}

bool IsWellFormedToken(absl::string_view text) {
  if (text.size() != kSecretTokenLength) return false;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_';
    if (!ok) return false;
  }
  // 43 characters carry 258 bits; the last character of a canonical encoding leaves the 2 spare bits zero.
  // libsodium's decoder checks that, so a token with other trailing bits was not made by NewSecretToken().
  unsigned char bytes[kSecretTokenBytes];
  size_t length = 0;
  return sodium_base642bin(bytes, sizeof bytes, text.data(), text.size(), nullptr, &length, nullptr,
                           sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
         length == kSecretTokenBytes;
}

std::string TokenHash(absl::string_view token) {
  (void)EnsureSodium();  // SHA-256 needs no random source; this only picks libsodium's fastest code
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[kSecretTokenHashLength + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, kSecretTokenHashLength);
}

bool SecretsEqual(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace shiori::auth
