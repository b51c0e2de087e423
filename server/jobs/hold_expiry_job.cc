// See hold_expiry_job.h.
#include "server/jobs/hold_expiry_job.h"

#include <cstdio>
#include <string>

#include "server/common/clock.h"

namespace shiori::jobs {

bool ExpiryDue(std::optional<absl::CivilDay> last_run, absl::CivilSecond local, int hour) {
  // Another day than the last run's, not only a later one: a test clock set back has days to run again.
  return local.hour() >= hour && last_run != absl::CivilDay(local);
}

std::optional<absl::StatusOr<app::HoldExpiryReport>> HoldExpiryJob::Tick() {
  const absl::Time now = ctx_.clock->Now();
  const absl::CivilSecond local = absl::ToCivilSecond(now, TokyoZone());
  {
    absl::MutexLock lock(&mu_);
    // On a test clock, days can be left and come back between two ticks: every tick from the hour on runs it
    // (idempotent, one statement when nothing is due), so no day set is missed.
    const bool on_test_clock = ctx_.test_clock != nullptr && local.hour() >= hour_;
    if (!on_test_clock && !ExpiryDue(last_run_, local, hour_)) return std::nullopt;
    last_run_ = absl::CivilDay(local);
  }
  return app::ExpireDueHolds(ctx_);
}

HoldExpiryTicker::HoldExpiryTicker(const app::ServiceContext& ctx, absl::Duration interval)
    : job_(ctx), thread_([this, interval] {
        do {
          auto ran = job_.Tick();
          if (!ran) continue;
          if (!ran->ok()) {
            std::fprintf(stderr, "hold expiry: %s\n", std::string(ran->status().message()).c_str());
          } else if (!(*ran)->expired.empty() || (*ran)->failed > 0) {
            std::printf("hold expiry: %zu expired, %d failed\n", (*ran)->expired.size(), (*ran)->failed);
          }
        } while (!stop_.WaitForNotificationWithTimeout(interval));
      }) {}

HoldExpiryTicker::~HoldExpiryTicker() {
  stop_.Notify();
  thread_.join();
}

std::unique_ptr<HoldExpiryTicker> StartHoldExpiryTicker(const app::ServiceContext& ctx, absl::Duration interval) {
  return std::make_unique<HoldExpiryTicker>(ctx, interval);
}

}  // namespace shiori::jobs
