// The morning job of R12 for a long-running server: runs app::ExpireDueHolds once per Tokyo day, at the first
// tick on or after the configured hour (on a test clock, at every tick from that hour: its days come and go). Idempotent on its own (a second run finds nothing), so two servers
// running it on one database are harmless. `shiori-admin jobs expire-holds` runs the same use case on demand.
#ifndef SHIORI_SERVER_JOBS_HOLD_EXPIRY_JOB_H_
#define SHIORI_SERVER_JOBS_HOLD_EXPIRY_JOB_H_

#include <memory>
#include <optional>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/civil_time.h"
#include "server/app/hold_expiry.h"
#include "server/app/service_context.h"

namespace shiori::jobs {

// Whether a run is due at Tokyo time `local`: at or after `hour`, on a day other than the last run's (none yet,
// or the clock moved to another day, forward or back).
bool ExpiryDue(std::optional<absl::CivilDay> last_run, absl::CivilSecond local, int hour);

class HoldExpiryJob {
 public:
  explicit HoldExpiryJob(const app::ServiceContext& ctx, int hour = 6) : ctx_(ctx), hour_(hour) {}
  // Call now and then (e.g. every minute). Runs the expiry when today's run is due; nullopt when not due.
  std::optional<absl::StatusOr<app::HoldExpiryReport>> Tick();

 private:
  const app::ServiceContext& ctx_;
  const int hour_;
  absl::Mutex mu_;
  std::optional<absl::CivilDay> last_run_ ABSL_GUARDED_BY(mu_);
};

// A thread that ticks a HoldExpiryJob every `interval` until destroyed (the server's morning job). It prints one
// line for each run that expired something.
class HoldExpiryTicker {
 public:
  HoldExpiryTicker(const app::ServiceContext& ctx, absl::Duration interval);
  ~HoldExpiryTicker();  // stops and joins

 private:
  HoldExpiryJob job_;
  absl::Notification stop_;
  std::thread thread_;
};

std::unique_ptr<HoldExpiryTicker> StartHoldExpiryTicker(const app::ServiceContext& ctx,
                                                        absl::Duration interval = absl::Minutes(1));

}  // namespace shiori::jobs

#endif  // SHIORI_SERVER_JOBS_HOLD_EXPIRY_JOB_H_
