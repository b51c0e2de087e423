// Service accounts of other municipal systems (P10): a name, the SHA-256 of an API key and/or the common name
// of a TLS client certificate, and the scopes granted.
#ifndef SHIORI_SERVER_STORE_SERVICE_ACCOUNT_STORE_H_
#define SHIORI_SERVER_STORE_SERVICE_ACCOUNT_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace shiori::store {

struct ServiceAccountRow {
  int64_t id = 0;
  std::string name;
  std::string api_key_hash;      // "" when the account uses a certificate only
  std::string cert_common_name;  // "" when the account uses an API key only
  std::vector<std::string> scopes;
  bool disabled = false;
};

// ALREADY_EXISTS when the name, key hash or common name is taken.
absl::StatusOr<int64_t> InsertServiceAccount(Tx& tx, const ServiceAccountRow& row, absl::Time now);
absl::StatusOr<std::optional<ServiceAccountRow>> FindServiceAccountByKeyHash(Tx& tx, const std::string& hash);
absl::StatusOr<std::optional<ServiceAccountRow>> FindServiceAccountByCommonName(Tx& tx, const std::string& cn);
absl::StatusOr<std::vector<ServiceAccountRow>> ListServiceAccounts(Tx& tx);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_SERVICE_ACCOUNT_STORE_H_
