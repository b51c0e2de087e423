// The retry rule of the client: repeat an idempotent call that failed with UNAVAILABLE, with exponential
// backoff, never starting an attempt after the call's deadline. Time and sleeping are injected so the rule is
// tested without waiting.
#ifndef SHIORI_SDK_SRC_RETRY_LOOP_H_
#define SHIORI_SDK_SRC_RETRY_LOOP_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "shiori/client_options.h"

namespace shiori::internal {

struct RetryClock {
  std::function<absl::Time()> now;
  std::function<void(absl::Duration)> sleep;

  static RetryClock Real();
};

// Whether a failed attempt may be repeated: only UNAVAILABLE (the service could not take the call), and only
// for idempotent calls. DEADLINE_EXCEEDED is not retried: the call may have run.
bool ShouldRetry(const absl::Status& status, bool idempotent);

// The wait after attempt number `attempt` (1 = the first attempt) failed.
absl::Duration BackoffAfter(const RetryPolicy& policy, int attempt);

// Runs attempt() at least once and returns the last status.
absl::Status RetryLoop(const RetryPolicy& policy, bool idempotent, absl::Time deadline, const RetryClock& clock,
                       const std::function<absl::Status()>& attempt);

}  // namespace shiori::internal

#endif  // SHIORI_SDK_SRC_RETRY_LOOP_H_
