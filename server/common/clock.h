// The one source of "now" (rule L3). Production uses the system clock; `--test-clock` gives a clock an admin
// may set or advance. Dates a patron sees are civil dates in Asia/Tokyo. Thread-safe.
#ifndef SHIORI_SERVER_COMMON_CLOCK_H_
#define SHIORI_SERVER_COMMON_CLOCK_H_

#include <atomic>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace shiori {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
  // Today in Asia/Tokyo.
  absl::CivilDay Today() const;
};

class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// A clock that stands still until set or advanced. Starts at the system time unless given one.
class TestClock final : public Clock {
 public:
  TestClock() : TestClock(absl::Now()) {}
  explicit TestClock(absl::Time start) : nanos_(absl::ToUnixNanos(start)) {}
  absl::Time Now() const override { return absl::FromUnixNanos(nanos_.load()); }
  void Set(absl::Time t) { nanos_.store(absl::ToUnixNanos(t)); }
  void Advance(absl::Duration d) { nanos_.fetch_add(absl::ToInt64Nanoseconds(d)); }

 private:
  std::atomic<int64_t> nanos_;
};

// Asia/Tokyo (fixed +09:00: Japan has no daylight saving time, so no tz database is needed).
absl::TimeZone TokyoZone();
absl::CivilDay TokyoDay(absl::Time t);
// The first instant after the end of `day` in Tokyo: a due date or deadline "up to the end of that day".
absl::Time EndOfTokyoDay(absl::CivilDay day);

}  // namespace shiori

#endif  // SHIORI_SERVER_COMMON_CLOCK_H_
