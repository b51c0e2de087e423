// Logging in and out, and resolving a session token to a Caller (P3, P6, P8, P9).
#ifndef SHIORI_SERVER_APP_SESSIONS_H_
#define SHIORI_SERVER_APP_SESSIONS_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"
#include "server/store/patron_store.h"

namespace shiori::app {

struct LoginResult {
  std::string token;  // shown once; only its hash is stored
  store::PatronRow patron;
  int idle_timeout_seconds = 0;
};

// Patron login. Errors: INVALID_ARGUMENT INVALID_PATRON_NUMBER / PASSWORD_NOT_HALF_WIDTH /
// PASSWORD_INVALID_CHARACTER (input hints P8 allows); UNAUTHENTICATED INVALID_CREDENTIALS for a wrong number,
// a wrong password, a patron without a password and a locked account alike (P8, P9).
absl::StatusOr<LoginResult> PatronLogin(const ServiceContext& ctx, const std::string& patron_number,
                                        const std::string& password, v1::Channel channel, const std::string& peer);

struct StaffLoginResult {
  std::string token;
  store::StaffRow staff;
  int idle_timeout_seconds = 0;
};
absl::StatusOr<StaffLoginResult> StaffLogin(const ServiceContext& ctx, const std::string& staff_id,
                                            const std::string& password, const std::string& peer);

// The caller of a session token. UNAUTHENTICATED SESSION_INVALID for an unknown, ended or idle-expired session.
// Refreshes the session's last use.
absl::StatusOr<Caller> Authenticate(const ServiceContext& ctx, const std::string& token);
// Whether Authenticate writes the session's last use (P9's idle timeout): at most every 30 seconds.
bool SessionTouchDue(absl::Time last_seen, absl::Time now);

// Ends the session at once. Ending an already ended session is OK.
absl::Status Logout(const ServiceContext& ctx, const Caller& caller);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_SESSIONS_H_
