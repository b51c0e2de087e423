// When the morning job of R12 runs: once a Tokyo day, from its hour on, whichever way the clock moved.
#include "server/jobs/hold_expiry_job.h"

#include <gtest/gtest.h>

namespace shiori::jobs {
namespace {

TEST(HoldExpiryJobTest, OnceADayFromItsHour) {  // R12
  const absl::CivilDay day(2026, 12, 17);
  EXPECT_FALSE(ExpiryDue(std::nullopt, absl::CivilSecond(2026, 12, 17, 5, 59, 0), 6));
  EXPECT_TRUE(ExpiryDue(std::nullopt, absl::CivilSecond(2026, 12, 17, 6, 0, 0), 6));
  EXPECT_FALSE(ExpiryDue(day, absl::CivilSecond(2026, 12, 17, 23, 0, 0), 6));  // ran today
  EXPECT_TRUE(ExpiryDue(day, absl::CivilSecond(2026, 12, 18, 6, 1, 0), 6));
}

TEST(HoldExpiryJobTest, RunsAgainAfterTheClockWasSetBack) {  // R12, L3: the test clock
  // It ran on 2027-01-20; set back to 2026-12-30, the holds due by then expire that day, not in 2027.
  EXPECT_TRUE(ExpiryDue(absl::CivilDay(2027, 1, 20), absl::CivilSecond(2026, 12, 30, 10, 0, 0), 6));
}

}  // namespace
}  // namespace shiori::jobs
