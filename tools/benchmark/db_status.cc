// See db_status.h.
#include "tools/benchmark/db_status.h"

#include <cppconn/connection.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <memory>
#include <string>

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

}  // namespace shiori::bench
