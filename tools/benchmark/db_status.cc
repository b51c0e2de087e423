// See db_status.h.
#include "tools/benchmark/db_status.h"

#include <cppconn/connection.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <chrono>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"

namespace shiori::bench {

absl::StatusOr<DbCounters> ReadDbCounters(DirectSql& sql) {
  DbCounters out;
  absl::Status s = CatchSql([&] {
    std::unique_ptr<sql::Statement> st(sql.connection().createStatement());
    std::unique_ptr<sql::ResultSet> rs(st->executeQuery(
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_stmt_prepare', 'Com_commit',"
        " 'Innodb_log_writes')"));
    while (rs->next()) {
      const std::string name = rs->getString(1);
      const int64_t value = rs->getInt64(2);
      if (name == "Questions") out.statements = value;
      if (name == "Com_stmt_prepare") out.prepares = value;
      if (name == "Com_commit") out.commits = value;
      if (name == "Innodb_log_writes") out.log_writes = value;
    }
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<DbBacklog> ReadDbBacklog(DirectSql& sql) {
  DbBacklog out;
  absl::Status s = CatchSql([&] {
    std::unique_ptr<sql::Statement> st(sql.connection().createStatement());
    std::unique_ptr<sql::ResultSet> rs(st->executeQuery(
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_pages_dirty', 'Innodb_history_list_length')"));
    while (rs->next()) {
      const std::string name = rs->getString(1);
      const int64_t value = rs->getInt64(2);
      if (name == "Innodb_buffer_pool_pages_dirty") out.dirty_pages = value;
      if (name == "Innodb_history_list_length") out.history = value;
    }
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<Settled> SettleAfterLoad(DirectSql& sql, absl::Duration limit) {
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
