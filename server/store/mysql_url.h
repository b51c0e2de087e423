// Where the database is: `mysql://user:password@host:port/db`, or a Unix socket
// (`mysql://user@localhost/db?socket=/path/to/sock`).
#ifndef SHIORI_SERVER_STORE_MYSQL_URL_H_
#define SHIORI_SERVER_STORE_MYSQL_URL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shiori::store {

struct MysqlTarget {
  std::string host = "localhost";
  int port = 3306;
  std::string socket;  // when set, host and port are ignored
  std::string user = "root";
  std::string password;
  std::string database = "shiori";
  // Seconds each connect, read and write may wait on the server; 0: no limit (the pool's connections, whose
  // statements may rightly run long). MariaDB's client tries a read three times, so a read waits up to 3×.
  int io_timeout_s = 0;
};

absl::StatusOr<MysqlTarget> ParseMysqlUrl(absl::string_view url);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_MYSQL_URL_H_
