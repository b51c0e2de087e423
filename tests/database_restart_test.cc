// The server and its database going away and coming back: a server on its own private MariaDB (--state-dir)
// whose mariadbd is killed says so (health NOT_SERVING, a line in its log), starts it again, and serves again
// with what was committed before (InnoDB's recovery); one whose mariadbd hangs is NOT_SERVING until it answers.
#include <grpcpp/grpcpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <string>

#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/support/test_env.h"

namespace shiori::testing {
namespace {

using ::testing::HasSubstr;

grpc::health::v1::HealthCheckResponse::ServingStatus Health(const std::string& address) {
  auto stub = grpc::health::v1::Health::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  if (!stub->Check(&context, request, &response).ok()) return grpc::health::v1::HealthCheckResponse::UNKNOWN;
  return response.status();
}

TEST(DatabaseRestartTest, AKilledPrivateMariaDbIsStartedAgain) {
  const std::string state = NewTempDir("state");
  auto server = TestServer::Start({.state_dir = state});
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ(Health((*server)->address()), grpc::health::v1::HealthCheckResponse::SERVING);
  Client c = (*server)->NewClient();
  auto before = c.ListLibraries();
  ASSERT_TRUE(before.ok()) << before.status();

  pid_t mariadbd = 0;
  std::ifstream(state + "/mysql.pid") >> mariadbd;
  ASSERT_GT(mariadbd, 0);
  ASSERT_EQ(::kill(mariadbd, SIGKILL), 0);

  // Within a few checks it is started again and the calls are answered, from the data it had.
  const absl::Time give_up = absl::Now() + absl::Seconds(240);
  absl::StatusOr<v1::ListLibrariesResponse> after = absl::UnavailableError("not tried");
  while (absl::Now() < give_up) {
    after = c.ListLibraries();
    if (after.ok() && (*server)->log().find("serving\n") != std::string::npos &&
        (*server)->log().find("reachable again") != std::string::npos) {
      break;
    }
    absl::SleepFor(absl::Milliseconds(250));
  }
  ASSERT_TRUE(after.ok()) << after.status() << "\n" << (*server)->log();
  EXPECT_EQ(after->libraries_size(), before->libraries_size());
  const std::string log = (*server)->log();
  EXPECT_THAT(log, HasSubstr("database unreachable, not serving"));
  EXPECT_THAT(log, HasSubstr("the private MariaDB had exited; started again"));
  EXPECT_THAT(log, HasSubstr("database reachable again; serving"));
  EXPECT_EQ(Health((*server)->address()), grpc::health::v1::HealthCheckResponse::SERVING);

  // A MariaDB that hangs (stopped, not gone) is noticed too: the watch's probe gives up on it.
  std::ifstream(state + "/mysql.pid") >> mariadbd;
  ASSERT_EQ(::kill(mariadbd, SIGSTOP), 0);
  const absl::Time hung_until = absl::Now() + absl::Seconds(120);
  while (absl::Now() < hung_until && Health((*server)->address()) != grpc::health::v1::HealthCheckResponse::NOT_SERVING) {
    absl::SleepFor(absl::Milliseconds(250));
  }
  EXPECT_EQ(Health((*server)->address()), grpc::health::v1::HealthCheckResponse::NOT_SERVING);
  ASSERT_EQ(::kill(mariadbd, SIGCONT), 0);
  const absl::Time back_by = absl::Now() + absl::Seconds(120);
  while (absl::Now() < back_by && Health((*server)->address()) != grpc::health::v1::HealthCheckResponse::SERVING) {
    absl::SleepFor(absl::Milliseconds(250));
  }
  EXPECT_EQ(Health((*server)->address()), grpc::health::v1::HealthCheckResponse::SERVING);
  EXPECT_TRUE(c.ListLibraries().ok());
  EXPECT_EQ((*server)->Stop(), 0);
}

}  // namespace
}  // namespace shiori::testing
