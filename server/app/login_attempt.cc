// See login_attempt.h.
#include "server/app/login_attempt.h"

#include <vector>

#include "server/policy/account_rules.h"
#include "server/store/login_guard_store.h"

namespace shiori::app {

absl::StatusOr<AttemptOutcome> GuardedAttempt(const ServiceContext& ctx, store::Tx& tx, const std::string& key,
                                              absl::Time now, const std::function<bool()>& check) {
  auto guard = store::LockLoginGuard(tx, key);
  if (!guard.ok()) return guard.status();
  policy::LockoutDecision d = policy::DecideLogin(guard->failures, guard->locked_until, now, ctx.policy.account());
  AttemptOutcome out;
  if (!d.may_attempt) {
    out.was_locked = true;
    out.locked_until = d.locked_until;
    return out;
  }
  out.accepted = check();
  std::vector<absl::Time> kept;
  if (!out.accepted) {
    for (absl::Time t : guard->failures) {
      if (t > d.counts_failures_after) kept.push_back(t);
    }
    kept.push_back(now);
    if (d.lock_if_fails_until) {
      guard->locked_until = d.lock_if_fails_until;
      out.locked_now = true;
      out.locked_until = d.lock_if_fails_until;
    }
  }
  guard->failures = std::move(kept);
  absl::Status saved = store::SaveLoginGuard(tx, key, *guard);
  if (!saved.ok()) return saved;
  return out;
}

}  // namespace shiori::app
