// The usual start of an end-to-end test: a fresh database with the demo accounts, a server on it, staff
// clients, and small SQL probes for what the API does not show (outbox rows, audit log, links between rows).
#ifndef SHIORI_TESTS_SUPPORT_DEMO_SERVER_TEST_H_
#define SHIORI_TESTS_SUPPORT_DEMO_SERVER_TEST_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "tests/support/test_env.h"

namespace shiori::testing {

class DemoServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = NewDatabase(Seed::kDemo);
    ASSERT_TRUE(db.ok()) << db.status();
    database_ = *db;
    auto server = TestServer::Start({.database = database_});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }

  // The rows of `sql` on the test's database, each row's cells joined by tabs.
  std::vector<std::string> Sql(const std::string& sql) {
    auto rows = TestMariaDb::Get().Sql(database_, sql);
    EXPECT_TRUE(rows.ok()) << rows.status() << " in " << sql;
    return rows.ok() ? *rows : std::vector<std::string>();
  }
  // The first row of `sql`, or "" when there is none.
  std::string One(const std::string& sql) {
    auto rows = Sql(sql);
    return rows.empty() ? "" : rows.front();
  }
  // The number a COUNT(*) query answers (-1 when it answers none).
  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    (void)absl::SimpleAtoi(One(sql), &n);
    return n;
  }

  // A client at a counter logged in as staff (or admin) `id`, on `server` (this test's by default).
  Client Staff(const std::string& id, const std::string& password, const TestServer* server = nullptr) {
    Client c = (server ? server : server_.get())->NewClient(v1::COUNTER);
    v1::StaffLoginRequest req;
    req.set_staff_id(id);
    req.set_password(password);
    auto r = c.StaffLogin(req);
    EXPECT_TRUE(r.ok()) << r.status();
    return c;
  }

  std::string database_;
  std::unique_ptr<TestServer> server_;
};

}  // namespace shiori::testing

#endif  // SHIORI_TESTS_SUPPORT_DEMO_SERVER_TEST_H_
