// Schema migrations at start: applied once, recorded, never re-applied, and a database newer than the code refused;
// and the store's statement cache, which must not exhaust the server's prepared statements.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <new>
#include <thread>
#include <vector>
#include <string>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/common/error.h"
#include "server/store/database.h"
#include "server/store/mysql_url.h"
#include "server/store/word_grams.h"
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

// 0025 replaced the word index: on a database that had records before it, the migration indexes them.
TEST(MigrationsTest, TheWordIndexMigrationIndexesTheRecordsAlreadyThere) {  // C2
  auto db = NewDatabase(Seed::kEmpty);
  ASSERT_TRUE(db.ok()) << db.status();
  auto& m = TestMariaDb::Get();
  for (const char* sql : {"DELETE FROM schema_version WHERE version = 25", "DROP TABLE record_gram",
                          "INSERT INTO record (source, source_id, title, contributors, subjects, material_type,"
                          " search_text) VALUES ('test', 'old', '夏目の本', '', '', 1, '|夏目の本|')"}) {
    ASSERT_TRUE(m.Sql(*db, sql).ok()) << sql;
  }
  std::string out;
  ASSERT_TRUE(RunAdmin(*db, {"migrate"}, &out).ok()) << out;
  const std::vector<int64_t> grams = store::IndexedGrams("|夏目の本|");  // 夏 目 の 本, 夏目 目の の本
  EXPECT_EQ(grams.size(), 7u);
  auto indexed = m.Sql(*db, "SELECT COUNT(*) FROM record_gram g JOIN record r ON r.id = g.record_id"
                            " WHERE r.source_id = 'old'");
  ASSERT_TRUE(indexed.ok()) << indexed.status();
  EXPECT_EQ(indexed->front(), std::to_string(grams.size()));
}

// 0037 keeps Latin words apart in the search text (C2): the texts already there are made again.
TEST(MigrationsTest, TheSearchTextMigrationMakesTheOldTextsAgain) {  // C2
  auto db = NewDatabase(Seed::kEmpty);
  ASSERT_TRUE(db.ok()) << db.status();
  auto& m = TestMariaDb::Get();
  for (const char* sql : {"DELETE FROM schema_version WHERE version = 37",
                          "INSERT INTO record (source, source_id, title, contributors, subjects, material_type,"
                          " publisher, search_text) VALUES ('test', 'old', 'Octopus Books', '', '', 4, '夏目 書房',"
                          " '|octopusbooks|夏目書房|')"}) {
    ASSERT_TRUE(m.Sql(*db, sql).ok()) << sql;
  }
  std::string out;
  ASSERT_TRUE(RunAdmin(*db, {"migrate"}, &out).ok()) << out;
  auto text = m.Sql(*db, "SELECT search_text FROM record WHERE source_id = 'old'");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(text->front(), "|octopus books|夏目書房|");
}

// Statement texts that vary (an IN list, a LIMIT) are each prepared once; the per-connection cache must let old
// ones go, or the server's shared max_prepared_stmt_count runs out and every call fails.
TEST(DatabaseTest, ManyDistinctStatementsDoNotExhaustTheServer) {
  auto db = NewDatabase(Seed::kEmpty);
  ASSERT_TRUE(db.ok()) << db.status();
  auto& m = TestMariaDb::Get();
  ASSERT_TRUE(m.Sql(*db, "SET GLOBAL max_prepared_stmt_count = 400").ok());
  absl::Cleanup restore = [&] { (void)m.Sql(*db, "SET GLOBAL max_prepared_stmt_count = 16382"); };
  auto target = store::ParseMysqlUrl(m.UrlFor(*db));
  ASSERT_TRUE(target.ok()) << target.status();
  auto database = store::Database::Open(*target, 2);
  ASSERT_TRUE(database.ok()) << database.status();
  for (int i = 0; i < 2000; ++i) {
    absl::Status s = (*database)->WithConnection(
        [&](store::Tx& tx) { return tx.Query(absl::StrCat("SELECT ", i, " + ?"), {int64_t{1}}).status(); });
    ASSERT_TRUE(s.ok()) << "statement " << i << ": " << s;
  }
  database->reset();
}

// A unit of work that throws (a bug below the use case: a row read past its end) is INTERNAL and gives its
// connection back: with a pool of one, the units after it still get one, never wait for ever.
TEST(DatabaseTest, AUnitThatThrowsGivesItsConnectionBack) {
  auto db = NewDatabase(Seed::kEmpty);
  ASSERT_TRUE(db.ok()) << db.status();
  auto target = store::ParseMysqlUrl(TestMariaDb::Get().UrlFor(*db));
  ASSERT_TRUE(target.ok()) << target.status();
  auto database = store::Database::Open(*target, 1);
  ASSERT_TRUE(database.ok()) << database.status();
  for (int i = 0; i < 3; ++i) {
    absl::Status in_tx = (*database)->InTransaction([](store::Tx& tx) -> absl::Status {
      auto rows = tx.Query("SELECT 1 FROM DUAL WHERE FALSE");
      if (!rows.ok()) return rows.status();
      return absl::Status(absl::StatusCode::kOk, std::to_string(rows->at(0).Int(0)));  // throws out_of_range
    });
    EXPECT_EQ(in_tx.code(), absl::StatusCode::kInternal) << in_tx;
    EXPECT_EQ(ReasonOf(in_tx), "INTERNAL_ERROR");
    absl::Status plain = (*database)->WithConnection([](store::Tx&) -> absl::Status { throw std::bad_alloc(); });
    EXPECT_EQ(plain.code(), absl::StatusCode::kInternal) << plain;
  }
  absl::Status after = (*database)->WithConnection([](store::Tx& tx) { return tx.Query("SELECT 1").status(); });
  EXPECT_TRUE(after.ok()) << after;
  database->reset();
}

// MariaDB restarted (here: it kills the pool's connections) under a server on --mysql: calls get fresh
// connections instead of failing once per pooled one. An idle connection is pinged before it is used again,
// and one found dropped in use takes the other idle ones with it.
TEST(DatabaseTest, ConnectionsTheServerDroppedAreReplaced) {
  auto db = NewDatabase(Seed::kEmpty);
  ASSERT_TRUE(db.ok()) << db.status();
  auto& m = TestMariaDb::Get();
  auto target = store::ParseMysqlUrl(m.UrlFor(*db));
  ASSERT_TRUE(target.ok()) << target.status();
  auto database = store::Database::Open(*target, 4);
  ASSERT_TRUE(database.ok()) << database.status();
  auto fill_pool = [&] {  // four units at once leave four idle connections
    std::vector<std::thread> units;
    for (int i = 0; i < 4; ++i) {
      units.emplace_back([&] {
        EXPECT_TRUE((*database)->WithConnection([](store::Tx& tx) { return tx.Query("SELECT SLEEP(0.2)").status(); }).ok());
      });
    }
    for (auto& t : units) t.join();
  };
  auto kill_pool = [&] {
    auto ids = m.Sql(*db, "SELECT id FROM information_schema.PROCESSLIST WHERE db = '" + *db +
                              "' AND id <> CONNECTION_ID()");
    ASSERT_TRUE(ids.ok()) << ids.status();
    EXPECT_GE(ids->size(), 4u);
    for (const std::string& id : *ids) (void)m.Sql(*db, "KILL CONNECTION " + id);
  };
  auto failures_in_ten_calls = [&] {
    int failed = 0;
    for (int i = 0; i < 10; ++i) {
      absl::Status s = (*database)->WithConnection([](store::Tx& tx) { return tx.Query("SELECT 1").status(); });
      if (!s.ok()) {
        ++failed;
        EXPECT_EQ(ReasonOf(s), "DATABASE_UNAVAILABLE") << s;
      }
    }
    return failed;
  };
  fill_pool();
  kill_pool();
  absl::SleepFor(absl::Milliseconds(1200));  // idle for longer than a restart: pinged, replaced
  EXPECT_EQ(failures_in_ten_calls(), 0);
  fill_pool();
  kill_pool();
  EXPECT_LE(failures_in_ten_calls(), 1);  // at once: the first call may meet a dropped one, no other call
  database->reset();
}

}  // namespace
}  // namespace shiori::testing
