// Expiry of uncollected holds (R12): a secured reservation whose deadline has passed is cancelled without
// notice (EXPIRED), logged in the audit log, and its copy passed on as a check-in would.
#ifndef SHIORI_SERVER_APP_HOLD_EXPIRY_H_
#define SHIORI_SERVER_APP_HOLD_EXPIRY_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "server/app/service_context.h"

namespace shiori::app {

// Secured reservations whose deadline is before `today` (never one whose deadline is today).
absl::StatusOr<std::vector<int64_t>> DueForExpiry(const ServiceContext& ctx, absl::CivilDay today);

// Expires one reservation in its own transaction; false when it is no longer secured or not yet past its
// deadline (so running twice does nothing the second time).
absl::StatusOr<bool> ExpireHold(const ServiceContext& ctx, int64_t reservation_id, absl::CivilDay today);

struct HoldExpiryReport {
  std::vector<int64_t> expired;  // reservation ids
  int failed = 0;                // reservations whose transaction failed (left for the next run)
};

// Expires every reservation due on "today" of ctx.clock, each in its own transaction, so one failure never
// undoes the others. A second run finds nothing to do.
absl::StatusOr<HoldExpiryReport> ExpireDueHolds(const ServiceContext& ctx);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_HOLD_EXPIRY_H_
