// Schema migrations at start: applied once, recorded, never re-applied, and a database newer than the code refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/test_env.h"

namespace shiori::testing {
namespace {

using ::testing::HasSubstr;

TEST(MigrationsTest, AppliedOnceAndNewerDatabaseRefused) {
  auto db = NewDatabase(Seed::kEmpty);
  ASSERT_TRUE(db.ok()) << db.status();
  auto& m = TestMariaDb::Get();
  auto before = m.Sql(*db, "SELECT COUNT(*), MAX(version) FROM schema_version");
  ASSERT_TRUE(before.ok()) << before.status();
  std::string out;
  ASSERT_TRUE(RunAdmin(*db, {"migrate"}, &out).ok()) << out;
  auto after = m.Sql(*db, "SELECT COUNT(*), MAX(version) FROM schema_version");
  EXPECT_EQ(*before, *after);  // nothing re-applied
  auto libraries = m.Sql(*db, "SELECT COUNT(*) FROM library");
  EXPECT_EQ(libraries->front(), "2");  // L1, from a migration, once

  ASSERT_TRUE(m.Sql(*db, "INSERT INTO schema_version (version, file, applied_at) VALUES (9999, 'future.sql', NOW())").ok());
  auto server = TestServer::Start({.database = *db});
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(std::string(server.status().message()), HasSubstr("newer than this build"));
}

}  // namespace
}  // namespace shiori::testing
