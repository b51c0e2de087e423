// Failed-login bookkeeping per account (P9): the recent failures and the end of the latest lock.
#ifndef SHIORI_SERVER_STORE_LOGIN_GUARD_STORE_H_
#define SHIORI_SERVER_STORE_LOGIN_GUARD_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace shiori::store {

struct LoginGuardRow {
  std::vector<absl::Time> failures;
  std::optional<absl::Time> locked_until;
};

// Reads and locks the account's row (creating it), so concurrent attempts on one account are serialised.
absl::StatusOr<LoginGuardRow> LockLoginGuard(Tx& tx, const std::string& account_key);
absl::Status SaveLoginGuard(Tx& tx, const std::string& account_key, const LoginGuardRow& row);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_LOGIN_GUARD_STORE_H_
