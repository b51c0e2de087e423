// See migrations.h.
#include "server/store/migrations.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/common/error.h"
#include "server/store/catalog_store.h"
#include "server/store/word_index.h"

namespace shiori::store {
namespace {

// Work a migration needs that SQL cannot express, run right after its statements, on the same connection.
absl::Status AfterMigration(int version, Tx& tx) {
  if (version == 25) return RebuildWordIndex(tx).status();  // the word index of the records already there
  if (version == 35) return FillSeriesKeys(tx).status();     // the series keys of the records already there
  if (version == 37) return RefreshSearchTexts(tx).status();  // Latin words kept apart in the search text
  return absl::OkStatus();
}

}  // namespace

std::vector<std::string> SplitSqlStatements(const std::string& sql) {
  std::vector<std::string> out;
  std::string current;
  for (absl::string_view line : absl::StrSplit(sql, '\n')) {
    absl::string_view stripped = absl::StripAsciiWhitespace(line);
    if (stripped.empty() || absl::StartsWith(stripped, "--")) continue;
    absl::StrAppend(&current, line, "\n");
    if (absl::EndsWith(stripped, ";")) {
      out.push_back(std::string(absl::StripAsciiWhitespace(current)));
      out.back().pop_back();  // the ';'
      current.clear();
    }
  }
  if (!absl::StripAsciiWhitespace(current).empty()) out.push_back(std::string(absl::StripAsciiWhitespace(current)));
  return out;
}

absl::StatusOr<int> ApplyMigrations(Database& db, const std::vector<Migration>& migrations) {
  int result = 0;
  absl::Status s = db.WithConnection([&](Tx& tx) -> absl::Status {
    auto locked = tx.Query("SELECT GET_LOCK('shiori_migrations', 120)");
    if (!locked.ok()) return locked.status();
    if (locked->empty() || locked->at(0).Int(0) != 1) {
      return Error(absl::StatusCode::kUnavailable, "MIGRATION_LOCK_TIMEOUT", "データベースの更新を待てませんでした");
    }
    auto run = [&]() -> absl::Status {
      auto created = tx.Execute(
          "CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL PRIMARY KEY, file VARCHAR(255) NOT NULL,"
          " applied_at DATETIME(6) NOT NULL) ENGINE=InnoDB");
      if (!created.ok()) return created.status();
      // Every migration not yet recorded is applied, in order: a file merged with a lower number than one
      // already applied (work done side by side) is not skipped.
      auto applied_rows = tx.Query("SELECT version FROM schema_version ORDER BY version");
      if (!applied_rows.ok()) return applied_rows.status();
      std::set<int> applied;
      for (const Row& r : *applied_rows) applied.insert(static_cast<int>(r.Int(0)));
      int have = applied.empty() ? 0 : *applied.rbegin();
      int newest = migrations.empty() ? 0 : migrations.back().version;
      if (have > newest) {
        return Error(absl::StatusCode::kFailedPrecondition, "SCHEMA_TOO_NEW",
                     "データベースがこのプログラムより新しい版です")
            .Meta("database_version", std::to_string(have))
            .Meta("code_version", std::to_string(newest))
            .English(absl::StrCat("the database schema is version ", have, ", newer than this build (", newest,
                                  "); run a newer shiori-server"));
      }
      for (const Migration& m : migrations) {
        if (applied.count(m.version)) continue;
        for (const std::string& stmt : SplitSqlStatements(m.sql)) {
          auto r = tx.Execute(stmt);
          if (!r.ok()) {
            return Error(absl::StatusCode::kInternal, "MIGRATION_FAILED", "データベースの更新に失敗しました")
                .Meta("file", m.file)
                .English(absl::StrCat(m.file, ": ", r.status().message()));
          }
        }
        absl::Status after = AfterMigration(m.version, tx);
        if (!after.ok()) {
          return Error(absl::StatusCode::kInternal, "MIGRATION_FAILED", "データベースの更新に失敗しました")
              .Meta("file", m.file)
              .English(absl::StrCat(m.file, ": ", after.message()));
        }
        auto rec = tx.Execute("INSERT INTO schema_version (version, file, applied_at) VALUES (?, ?, UTC_TIMESTAMP(6))",
                              {int64_t{m.version}, std::string(m.file)});
        if (!rec.ok()) return rec.status();
        applied.insert(m.version);
      }
      result = applied.empty() ? 0 : *applied.rbegin();
      return absl::OkStatus();
    };
    absl::Status st = run();
    (void)tx.Query("SELECT RELEASE_LOCK('shiori_migrations')");
    return st;
  });
  if (!s.ok()) return s;
  return result;
}

}  // namespace shiori::store
