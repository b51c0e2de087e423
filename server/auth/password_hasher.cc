// See password_hasher.h.
#include "server/auth/password_hasher.h"

#include <sodium.h>

#include "absl/strings/str_cat.h"
#include "server/auth/sodium_init.h"

namespace shiori::auth {
namespace {

// libsodium reads a stored hash as a NUL-terminated string of less than crypto_pwhash_STRBYTES bytes;
// anything else cannot be one of ours.
bool CopyStoredHash(absl::string_view stored_hash, char (&out)[crypto_pwhash_STRBYTES]) {
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (stored_hash.find('\0') != absl::string_view::npos) return false;
  stored_hash.copy(out, stored_hash.size());
  out[stored_hash.size()] = '\0';
  return true;
}

}  // namespace

absl::StatusOr<PasswordHasher> PasswordHasher::Create(const shiori::v1::PasswordPolicy& policy) {
  if (policy.argon2_ops_limit() <= 0 || policy.argon2_mem_limit_kib() <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("password policy: Argon2id parameters must be positive (ops ",
                                                   policy.argon2_ops_limit(), ", memory ",
                                                   policy.argon2_mem_limit_kib(), " KiB)"));
  }
  return Create(static_cast<uint64_t>(policy.argon2_ops_limit()),
                static_cast<uint64_t>(policy.argon2_mem_limit_kib()));
}

absl::StatusOr<PasswordHasher> PasswordHasher::Create(uint64_t ops_limit, uint64_t mem_limit_kib) {
  if (absl::Status s = EnsureSodium(); !s.ok()) return s;
  if (ops_limit < crypto_pwhash_argon2id_OPSLIMIT_MIN || ops_limit > crypto_pwhash_argon2id_OPSLIMIT_MAX) {
    return absl::InvalidArgumentError(
        absl::StrCat("password policy: argon2_ops_limit ", ops_limit, " is outside what Argon2id accepts"));
  }
  // Compare in KiB first so that the multiplication below cannot overflow.
  if (mem_limit_kib < crypto_pwhash_argon2id_MEMLIMIT_MIN / 1024 ||
      mem_limit_kib > crypto_pwhash_argon2id_MEMLIMIT_MAX / 1024) {
    return absl::InvalidArgumentError(absl::StrCat("password policy: argon2_mem_limit_kib ", mem_limit_kib,
                                                   " is outside what Argon2id accepts"));
  }
  PasswordHasher hasher(ops_limit, static_cast<size_t>(mem_limit_kib) * 1024);

  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  char random_hex[2 * sizeof random + 1];
  sodium_bin2hex(random_hex, sizeof random_hex, random, sizeof random);
  absl::StatusOr<std::string> reference = hasher.Hash(random_hex);
  if (!reference.ok()) {
    return absl::InternalError(absl::StrCat("cannot make the reference password hash: ", reference.status().message()));
  }
  hasher.reference_hash_ = *std::move(reference);
  return hasher;
}

absl::StatusOr<std::string> PasswordHasher::Hash(absl::string_view password) const {
  if (absl::Status s = EnsureSodium(); !s.ok()) return s;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_limit_, mem_limit_bytes_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    // The only failure libsodium reports for valid parameters is running out of memory.
    return absl::ResourceExhaustedError("not enough memory to hash the password");
  }
  return std::string(out);
}

bool PasswordHasher::Verify(absl::string_view stored_hash, absl::string_view password) const {
  if (!EnsureSodium().ok()) return false;
  char stored[crypto_pwhash_STRBYTES];
  if (!CopyStoredHash(stored_hash, stored)) return false;
  return crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
}

bool PasswordHasher::NeedsRehash(absl::string_view stored_hash) const {
  if (!EnsureSodium().ok()) return true;
  char stored[crypto_pwhash_STRBYTES];
  if (!CopyStoredHash(stored_hash, stored)) return true;
  // The Argon2id variant (not the generic one) also answers "rehash" for a hash of another algorithm.
  return crypto_pwhash_argon2id_str_needs_rehash(stored, ops_limit_, mem_limit_bytes_) != 0;
}

void PasswordHasher::VerifyNothing(absl::string_view password) const {
  // The result is meaningless (the reference password is random and forgotten); only the time counts.
  (void)Verify(reference_hash_, password);
}

}  // namespace shiori::auth
