// Reading and moving the server's clock (rule L3). Only a server started with --test-clock has a clock that can
// move (ServiceContext::test_clock); without it Set and Advance refuse with FAILED_PRECONDITION
// TEST_CLOCK_DISABLED and nothing changes. Admins only. Every move is written to the audit log (P10).
// Thread-safe.
#ifndef SHIORI_SERVER_APP_TEST_CLOCK_CONTROL_H_
#define SHIORI_SERVER_APP_TEST_CLOCK_CONTROL_H_

#include <deque>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"

namespace shiori::app {

struct ClockReading {
  absl::Time now;
  absl::CivilDay today;  // Asia/Tokyo
  bool test_clock = false;
};

// "2026-12-10T09:00:00+09:00", "2026-12-10T09:00+09:00", "2026-12-10T00:00:00Z" (an offset is required, so
// the instant is never ambiguous). INVALID_ARGUMENT CLOCK_TIME_INVALID naming `field` otherwise.
absl::StatusOr<absl::Time> ParseClockTime(absl::string_view text, absl::string_view field = "time");
// "7d", "36h", "90m", "30s", "1d12h": a sum of whole days, hours, minutes and seconds, more than zero.
// INVALID_ARGUMENT CLOCK_DURATION_INVALID naming `field` otherwise.
absl::StatusOr<absl::Duration> ParseClockDuration(absl::string_view text, absl::string_view field = "duration");

class TestClockControl {
 public:
  explicit TestClockControl(const ServiceContext& ctx) : ctx_(ctx) {}

  // Anyone the access table lets through (admins) may read the clock, test clock or not.
  ClockReading Get() const;
  // Sets the clock to `time` (ParseClockTime). With validate_only, checks and returns the would-be reading.
  absl::StatusOr<ClockReading> Set(const Caller& caller, absl::string_view time, bool validate_only);
  // Advances by `duration` (ParseClockDuration). A request_id seen before returns the reading of that first call
  // without advancing again (the last 1000 ids are remembered).
  absl::StatusOr<ClockReading> Advance(const Caller& caller, absl::string_view duration,
                                       const std::string& request_id, bool validate_only);

 private:
  absl::Status CheckAllowed(const Caller& caller) const;
  absl::Status Audit(const Caller& caller, absl::string_view action, absl::Time before, absl::Time after) const;
  ClockReading ReadingAt(absl::Time t) const;

  const ServiceContext& ctx_;
  absl::Mutex mu_;
  struct Advanced {
    absl::Duration by;  // what the call asked for: the same id with another duration is another call
    absl::Time to;
  };
  std::map<std::string, Advanced> advanced_ ABSL_GUARDED_BY(mu_);
  std::deque<std::string> advanced_order_ ABSL_GUARDED_BY(mu_);
};

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_TEST_CLOCK_CONTROL_H_
