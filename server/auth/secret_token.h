// Bearer secrets: session tokens (P9) and single-use confirmation tokens (P4, P7).
// A token is 256 random bits written as 43 characters of URL-safe base64 without padding, so it fits in a
// confirmation link and an `authorization: Bearer` header unchanged. The server stores only TokenHash(token):
// someone who reads the database cannot use what they read. Never log a token. All functions are thread-safe.
#ifndef SHIORI_SERVER_AUTH_SECRET_TOKEN_H_
#define SHIORI_SERVER_AUTH_SECRET_TOKEN_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shiori::auth {

inline constexpr size_t kSecretTokenBytes = 32;         // 256 bits
inline constexpr size_t kSecretTokenLength = 43;        // base64 characters of 32 bytes, no padding
inline constexpr size_t kSecretTokenHashLength = 64;    // hex characters of a SHA-256 digest

// A new token from libsodium's CSPRNG. INTERNAL only if libsodium could not initialise.
absl::StatusOr<std::string> NewSecretToken();

// True if `text` has the shape of a token (length and alphabet). Lets callers refuse garbage before a
// database look-up; says nothing about whether the token exists.
bool IsWellFormedToken(absl::string_view text);

// What is stored for a token and looked up by: the lower-case hex SHA-256 of its text (64 characters).
// The token already holds 256 random bits, so a plain (unsalted, fast) hash is enough.
std::string TokenHash(absl::string_view token);

// Compares two secrets (for example two TokenHash values) in time that does not depend on where they differ.
// Different lengths compare unequal at once: lengths are not secret here.
bool SecretsEqual(absl::string_view a, absl::string_view b);

}  // namespace shiori::auth

#endif  // SHIORI_SERVER_AUTH_SECRET_TOKEN_H_
