// One password check against an account's failure record (P9): refused unchecked while the account is locked,
// a failure recorded (and the lock set at the limit) when wrong, the record cleared when right. Used by patron
// and staff login and by a password change, which checks the current password the same way.
#ifndef SHIORI_SERVER_APP_LOGIN_ATTEMPT_H_
#define SHIORI_SERVER_APP_LOGIN_ATTEMPT_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/app/service_context.h"
#include "server/store/database.h"

namespace shiori::app {

struct AttemptOutcome {
  bool accepted = false;
  bool was_locked = false;   // refused without checking: the account is locked
  bool locked_now = false;   // this failure reached the limit and locked the account
  std::optional<absl::Time> locked_until;  // when was_locked or locked_now: the end of the lock
};

// `key` is what was typed ("patron:0000001", "staff:s0001"), so an unknown account behaves like a known one.
// `check` verifies the password; it is not called while the account is locked.
absl::StatusOr<AttemptOutcome> GuardedAttempt(const ServiceContext& ctx, store::Tx& tx, const std::string& key,
                                              absl::Time now, const std::function<bool()>& check);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_LOGIN_ATTEMPT_H_
