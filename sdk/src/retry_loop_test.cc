// The retry rule (client.h): only idempotent calls, only on UNAVAILABLE, a bounded number of attempts with
// exponential backoff, never past the deadline. Time is simulated: nothing here sleeps.
#include "retry_loop.h"

#include <deque>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace shiori::internal {
namespace {

using ::testing::ElementsAre;

struct FakeTime {
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  std::vector<absl::Duration> sleeps;
  RetryClock clock() {
    return RetryClock{[this] { return now; }, [this](absl::Duration d) {
                        sleeps.push_back(d);
                        now += d;
                      }};
  }
};

struct Row {
  const char* name;
  bool idempotent;
  std::vector<absl::StatusCode> results;  // what each attempt returns, in order
  int want_attempts;
  absl::StatusCode want_code;
};

class RetryRuleTest : public ::testing::TestWithParam<Row> {};

TEST_P(RetryRuleTest, AttemptsAndFinalStatus) {
  const Row& row = GetParam();
  RetryPolicy policy;  // defaults: 4 attempts
  FakeTime time;
  std::deque<absl::StatusCode> results(row.results.begin(), row.results.end());
  int attempts = 0;
  absl::Status s = RetryLoop(policy, row.idempotent, time.now + absl::Seconds(10), time.clock(), [&] {
    ++attempts;
    absl::StatusCode code = results.front();
    if (results.size() > 1) results.pop_front();
    return absl::Status(code, "attempt");
  });
  EXPECT_EQ(attempts, row.want_attempts);
  EXPECT_EQ(s.code(), row.want_code);
}

using C = absl::StatusCode;
INSTANTIATE_TEST_SUITE_P(
    Rule, RetryRuleTest,
    ::testing::Values(
        Row{"ReadSucceedsFirstTime", true, {C::kOk}, 1, C::kOk},
        Row{"ReadRetriedUntilItWorks", true, {C::kUnavailable, C::kUnavailable, C::kOk}, 3, C::kOk},
        Row{"ReadGivesUpAfterMaxAttempts", true, {C::kUnavailable}, 4, C::kUnavailable},
        // A mutation without request_id (Login) may have been applied: never repeated.
        Row{"NonIdempotentNotRetried", false, {C::kUnavailable, C::kOk}, 1, C::kUnavailable},
        // Refusals and bad input are answers, not faults: never retried (architecture.md "Errors").
        Row{"RefusalNotRetried", true, {C::kFailedPrecondition, C::kOk}, 1, C::kFailedPrecondition},
        Row{"BadInputNotRetried", true, {C::kInvalidArgument, C::kOk}, 1, C::kInvalidArgument},
        Row{"UnauthenticatedNotRetried", true, {C::kUnauthenticated, C::kOk}, 1, C::kUnauthenticated},
        // The call may have run on the server; the deadline is spent anyway.
        Row{"DeadlineExceededNotRetried", true, {C::kDeadlineExceeded, C::kOk}, 1, C::kDeadlineExceeded},
        // ABORTED is the server's own transaction retry (architecture.md); the client does not repeat it.
        Row{"AbortedNotRetried", true, {C::kAborted, C::kOk}, 1, C::kAborted}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(RetryLoop, BacksOffExponentiallyUpToTheCap) {
  RetryPolicy policy;
  policy.max_attempts = 6;
  policy.initial_backoff = absl::Milliseconds(200);
  policy.max_backoff = absl::Seconds(1);
  policy.multiplier = 2;
  FakeTime time;
  absl::Status s = RetryLoop(policy, true, time.now + absl::Seconds(60), time.clock(),
                             [] { return absl::UnavailableError("x"); });
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(time.sleeps, ElementsAre(absl::Milliseconds(200), absl::Milliseconds(400), absl::Milliseconds(800),
                                       absl::Seconds(1), absl::Seconds(1)));
}

TEST(RetryLoop, NoAttemptStartsAfterTheDeadline) {
  RetryPolicy policy;
  policy.max_attempts = 10;
  policy.initial_backoff = absl::Seconds(1);
  policy.max_backoff = absl::Seconds(1);
  FakeTime time;
  int attempts = 0;
  // Deadline 2.5 s away: attempts at t=0, 1, 2; the next would start at 3 s.
  absl::Status s = RetryLoop(policy, true, time.now + absl::Milliseconds(2500), time.clock(), [&] {
    ++attempts;
    return absl::UnavailableError("x");
  });
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
}

TEST(RetryLoop, OneAttemptPolicyTurnsRetriesOff) {
  RetryPolicy policy;
  policy.max_attempts = 1;
  FakeTime time;
  int attempts = 0;
  absl::Status s = RetryLoop(policy, true, time.now + absl::Seconds(10), time.clock(), [&] {
    ++attempts;
    return absl::UnavailableError("x");
  });
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace shiori::internal
