// Pending password registrations (P4): the hashed token of the confirmation mail, the Argon2id hash of the
// chosen password and the address the mail went to. One row per patron; a new registration replaces it.
#ifndef SHIORI_SERVER_STORE_REGISTRATION_STORE_H_
#define SHIORI_SERVER_STORE_REGISTRATION_STORE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace shiori::store {

struct RegistrationRow {
  int64_t patron_id = 0;
  std::string token_hash;
  std::string password_hash;
  std::string email;
  absl::Time created_at;
  absl::Time expires_at;
  std::string request_id;  // of the call that wrote it ("" for none)
};

// Inserts or replaces the patron's pending registration.
absl::Status PutRegistration(Tx& tx, const RegistrationRow& row);
// Locks the row with this token hash (FOR UPDATE).
absl::StatusOr<std::optional<RegistrationRow>> FindRegistrationByToken(Tx& tx, const std::string& token_hash);
absl::Status DeleteRegistration(Tx& tx, int64_t patron_id);
// The request id of the patron's pending registration ("" for none, or none pending).
absl::StatusOr<std::string> PendingRegistrationRequestId(Tx& tx, int64_t patron_id);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_REGISTRATION_STORE_H_
