// See db_status.h.
#include "tools/benchmark/db_status.h"

#include <cppconn/connection.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <chrono>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace shiori::bench {

namespace {

// The named global status variables, by name (a name MariaDB does not have is 0).
absl::StatusOr<std::map<std::string, int64_t>> ReadGlobalStatus(DirectSql& sql,
                                                                const std::vector<std::string>& names) {
  std::map<std::string, int64_t> out;
  for (const std::string& n : names) out[n] = 0;
  absl::Status s = CatchSql([&] {
    std::unique_ptr<sql::Statement> st(sql.connection().createStatement());
    std::unique_ptr<sql::ResultSet> rs(st->executeQuery(
        absl::StrCat("SHOW GLOBAL STATUS WHERE Variable_name IN ('", absl::StrJoin(names, "', '"), "')")));
    while (rs->next()) out[rs->getString(1)] = rs->getInt64(2);
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace

absl::StatusOr<DbCounters> ReadDbCounters(DirectSql& sql) {
  auto v = ReadGlobalStatus(sql, {"Questions", "Com_stmt_prepare", "Com_commit", "Innodb_log_writes"});
  if (!v.ok()) return v.status();
  return DbCounters{(*v)["Questions"], (*v)["Com_stmt_prepare"], (*v)["Com_commit"], (*v)["Innodb_log_writes"]};
}

absl::StatusOr<DbBacklog> ReadDbBacklog(DirectSql& sql) {
  auto v = ReadGlobalStatus(sql, {"Innodb_buffer_pool_pages_dirty", "Innodb_history_list_length"});
  if (!v.ok()) return v.status();
  return DbBacklog{(*v)["Innodb_buffer_pool_pages_dirty"], (*v)["Innodb_history_list_length"]};
}

absl::StatusOr<Settled> Settle(DirectSql& sql, absl::Duration limit) {
  constexpr int64_t kSmallDirty = 1000;  // 16 MiB of pages
  constexpr int64_t kSmallHistory = 1000;
  auto setting = sql.Column(
      "SELECT CONCAT(@@GLOBAL.innodb_max_dirty_pages_pct, ' ', @@GLOBAL.innodb_io_capacity, ' ',"
      " @@GLOBAL.innodb_io_capacity_max)");
  if (!setting.ok()) return setting.status();
  if (setting->empty()) return absl::InternalError("reading the flushing settings");
  std::string pct, io, io_max;
  {
    std::istringstream in(setting->front());
    in >> pct >> io >> io_max;
  }
  const auto restore = [&] {
    // io_capacity may not exceed io_capacity_max at any moment: lower it first.
    absl::Status s = sql.Run(absl::StrCat("SET GLOBAL innodb_io_capacity = ", io));
    if (s.ok()) s = sql.Run(absl::StrCat("SET GLOBAL innodb_io_capacity_max = ", io_max));
    if (s.ok()) s = sql.Run(absl::StrCat("SET GLOBAL innodb_max_dirty_pages_pct = ", pct));
    return s;
  };
  Settled out;
  const absl::Time start = absl::Now();
  auto before = ReadDbBacklog(sql);
  if (!before.ok()) return before.status();
  out.before = out.after = *before;
  absl::Status s = sql.Run("SET GLOBAL innodb_io_capacity_max = 20000");
  if (s.ok()) s = sql.Run("SET GLOBAL innodb_io_capacity = 10000");
  if (s.ok()) s = sql.Run("SET GLOBAL innodb_max_dirty_pages_pct = 0");
  while (s.ok() && (out.after.dirty_pages > kSmallDirty || out.after.history > kSmallHistory) &&
         absl::Now() - start < limit) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    auto now = ReadDbBacklog(sql);
    if (!now.ok()) {
      s = now.status();
      break;
    }
    out.after = *now;
  }
  absl::Status r = restore();
  if (!s.ok()) return s;
  if (!r.ok()) return r;
  out.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return out;
}

}  // namespace shiori::bench
