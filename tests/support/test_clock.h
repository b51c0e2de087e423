// Moving a test server's clock (rule L3) from an integration test: logs in as the demo admin (a0001) and calls
// AdminService, as `shiori-admin clock set|advance` does. The server must run with --test-clock (the default of
// TestServer) on a database with the demo accounts (Seed::kDemo or kFullCatalog).
//
//   ASSERT_TRUE(SetServerClock(*server, "2026-12-10T09:00+09:00").ok());
//   ASSERT_TRUE(AdvanceServerClock(*server, "7d").ok());
#ifndef SHIORI_TESTS_SUPPORT_TEST_CLOCK_H_
#define SHIORI_TESTS_SUPPORT_TEST_CLOCK_H_

#include <string>

#include "absl/status/statusor.h"
#include "shiori/client.h"
#include "tests/support/test_env.h"

namespace shiori::testing {

// A client of `server` logged in as staff (StaffLogin).
inline absl::StatusOr<Client> StaffClientOf(const TestServer& server, const std::string& staff_id,
                                            const std::string& password) {
  Client c = server.NewClient(v1::COUNTER);
  v1::StaffLoginRequest login;
  login.set_staff_id(staff_id);
  login.set_password(password);
  auto session = c.StaffLogin(login);
  if (!session.ok()) return session.status();
  return c;
}

// Sets the clock to an RFC 3339 time with an offset ("2026-12-10T09:00+09:00").
inline absl::StatusOr<v1::ClockState> SetServerClock(const TestServer& server, const std::string& time) {
  auto admin = StaffClientOf(server, "a0001", "admin001");
  if (!admin.ok()) return admin.status();
  v1::SetClockRequest req;
  req.set_time(time);
  return admin->SetClock(req);
}

// Advances the clock by "7d", "36h", "1d12h" ….
inline absl::StatusOr<v1::ClockState> AdvanceServerClock(const TestServer& server, const std::string& duration) {
  auto admin = StaffClientOf(server, "a0001", "admin001");
  if (!admin.ok()) return admin.status();
  v1::AdvanceClockRequest req;
  req.set_duration(duration);
  return admin->AdvanceClock(req);
}

}  // namespace shiori::testing

#endif  // SHIORI_TESTS_SUPPORT_TEST_CLOCK_H_
