// See retry_loop.h.
#include "retry_loop.h"

#include <algorithm>
#include <cmath>

#include "absl/time/clock.h"

namespace shiori::internal {

RetryClock RetryClock::Real() {
  return RetryClock{[] { return absl::Now(); }, [](absl::Duration d) { absl::SleepFor(d); }};
}

bool ShouldRetry(const absl::Status& status, bool idempotent) {
  return idempotent && status.code() == absl::StatusCode::kUnavailable;
}

absl::Duration BackoffAfter(const RetryPolicy& policy, int attempt) {
  absl::Duration wait = policy.initial_backoff * std::pow(policy.multiplier, std::max(0, attempt - 1));
  return std::min(wait, policy.max_backoff);
}

absl::Status RetryLoop(const RetryPolicy& policy, bool idempotent, absl::Time deadline, const RetryClock& clock,
                       const std::function<absl::Status()>& attempt) {
  absl::Status status;
  for (int n = 1;; ++n) {
    status = attempt();
    if (status.ok() || !ShouldRetry(status, idempotent) || n >= policy.max_attempts) return status;
    absl::Duration wait = BackoffAfter(policy, n);
    if (clock.now() + wait >= deadline) return status;
    if (wait > absl::ZeroDuration()) clock.sleep(wait);
  }
}

}  // namespace shiori::internal
