// A plain Connector/C++ connection to the benchmark's MariaDB, without the server's pool: for loading the data
// set (LOAD DATA is not allowed in prepared statements) and for the database ceiling, which must execute the
// same statements the server does, the way the server does (prepared, cached per connection). One connection
// per thread; Connector/C++ exceptions stay inside (failures come back as absl::Status).
#ifndef SHIORI_TOOLS_BENCHMARK_DIRECT_SQL_H_
#define SHIORI_TOOLS_BENCHMARK_DIRECT_SQL_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/mysql_url.h"

namespace sql {
class Connection;
class PreparedStatement;
}  // namespace sql

namespace shiori::bench {

class DirectSql {
 public:
  // Connects with the server's session settings (UTC, utf8mb4, READ COMMITTED).
  static absl::StatusOr<std::unique_ptr<DirectSql>> Connect(const store::MysqlTarget& target);
  ~DirectSql();

  // A statement outside the prepared protocol (DDL, LOAD DATA, SET GLOBAL).
  absl::Status Run(const std::string& statement);
  // The first column of every row of a plain query.
  absl::StatusOr<std::vector<std::string>> Column(const std::string& query);
  // The prepared statement for `text`, prepared once per connection.
  sql::PreparedStatement* Prepare(const std::string& text);
  sql::Connection& connection() { return *conn_; }

 private:
  explicit DirectSql(std::unique_ptr<sql::Connection> conn);
  std::unique_ptr<sql::Connection> conn_;
  std::map<std::string, std::unique_ptr<sql::PreparedStatement>> prepared_;
};

// Runs fn, turning a Connector/C++ exception into UNAVAILABLE (connection errors) or INTERNAL.
absl::Status CatchSql(const std::function<void()>& fn);

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_DIRECT_SQL_H_
