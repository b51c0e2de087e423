// Splitting of migration files into statements.
#include "server/store/migrations.h"

#include <gtest/gtest.h>

namespace shiori::store {
namespace {

TEST(SplitSqlStatementsTest, SplitsOnSemicolonsAtLineEndsAndDropsComments) {
  auto s = SplitSqlStatements("-- a comment\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES\n  (1), (2);\nSELECT 1");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "CREATE TABLE a (x INT)");
  EXPECT_EQ(s[1], "INSERT INTO a VALUES\n  (1), (2)");
  EXPECT_EQ(s[2], "SELECT 1");
}

TEST(EmbeddedMigrationsTest, NumberedInOrderWithoutRepeats) {
  const auto& m = EmbeddedMigrations();
  ASSERT_FALSE(m.empty());
  for (size_t i = 1; i < m.size(); ++i) EXPECT_LT(m[i - 1].version, m[i].version) << m[i].file;
}

}  // namespace
}  // namespace shiori::store
