// Password storage (rule P9): Argon2id hashes in libsodium's self-describing string form
// ("$argon2id$v=19$m=…,t=…,p=1$salt$hash"), with the cost parameters taken from the policy config.
// A hash made with other parameters still verifies; NeedsRehash() tells the caller to store a fresh hash
// after the next successful login. Never log a password or a hash.
//
// A PasswordHasher is immutable after Create() and safe to share between threads.
#ifndef SHIORI_SERVER_AUTH_PASSWORD_HASHER_H_
#define SHIORI_SERVER_AUTH_PASSWORD_HASHER_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "shiori/v1/policy.pb.h"

namespace shiori::auth {

class PasswordHasher {
 public:
  // From PasswordPolicy.argon2_ops_limit and argon2_mem_limit_kib.
  // INVALID_ARGUMENT if they are outside what libsodium's Argon2id accepts (ops ≥ 1, memory ≥ 8 KiB);
  // INTERNAL if libsodium cannot start or the reference hash used by VerifyNothing() cannot be made.
  static absl::StatusOr<PasswordHasher> Create(const shiori::v1::PasswordPolicy& policy);
  static absl::StatusOr<PasswordHasher> Create(uint64_t ops_limit, uint64_t mem_limit_kib);

  // A new hash with a fresh random salt, so hashing one password twice gives two different strings.
  // RESOURCE_EXHAUSTED if the memory Argon2id needs cannot be allocated.
  absl::StatusOr<std::string> Hash(absl::string_view password) const;

  // True if `password` is the one `stored_hash` was made from (whatever parameters it was made with).
  // False for a wrong password and for a stored value that is not a password hash at all.
  bool Verify(absl::string_view stored_hash, absl::string_view password) const;

  // True if `stored_hash` was not made with this hasher's algorithm and parameters (or cannot be read):
  // after a successful Verify the caller stores Hash(password) instead.
  bool NeedsRehash(absl::string_view stored_hash) const;

  // Spends the time of one Verify without a stored hash to compare with. Used for an unknown patron number
  // or a patron without a password, so those answer as slowly as a wrong password (P4, P8).
  void VerifyNothing(absl::string_view password) const;

  uint64_t ops_limit() const { return ops_limit_; }
  uint64_t mem_limit_kib() const { return mem_limit_bytes_ / 1024; }

 private:
  PasswordHasher(uint64_t ops_limit, size_t mem_limit_bytes)
      : ops_limit_(ops_limit), mem_limit_bytes_(mem_limit_bytes) {}

  uint64_t ops_limit_;
  size_t mem_limit_bytes_;
  std::string reference_hash_;  // a hash of a random password, for VerifyNothing()
};

}  // namespace shiori::auth

#endif  // SHIORI_SERVER_AUTH_PASSWORD_HASHER_H_
