// What a logged-in patron sees and changes of their own record (P5, P7, P10): the profile, the password.
#ifndef SHIORI_SERVER_APP_PATRON_PROFILE_H_
#define SHIORI_SERVER_APP_PATRON_PROFILE_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"
#include "server/store/patron_email_store.h"
#include "server/store/patron_store.h"

namespace shiori::app {

struct PatronProfile {
  store::PatronRow patron;
  std::vector<store::PatronEmailRow> emails;
  store::HoldNoticeChoice hold_notice;
  // The slot hold-ready mail goes to now (HoldNoticeAddress), if any.
  std::optional<int> hold_notice_slot;
  // Slots whose confirmation link (of an unconfirmed address, or of a pending replacement) has expired unused.
  std::set<int> confirmation_expired_slots;
};

// The caller's own profile. PERMISSION_DENIED PATRON_ONLY for anyone but a logged-in patron.
absl::StatusOr<PatronProfile> GetProfile(const ServiceContext& ctx, const Caller& caller);

// P5: given the current password (checked like a login, so guesses count towards the lock of P9), sets a new
// one (P6) and ends every other session of the patron. Returns how many sessions ended.
// INVALID_ARGUMENT P6 reasons for the new password; UNAUTHENTICATED CURRENT_PASSWORD_WRONG.
absl::StatusOr<int> ChangePassword(const ServiceContext& ctx, const Caller& caller, const std::string& current,
                                   const std::string& replacement);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_PATRON_PROFILE_H_
