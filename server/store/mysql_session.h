// Opening one Connector/C++ connection with the session every Shiori connection has: UTC, utf8mb4 with the
// binary collation, READ COMMITTED. The pool (database.h) opens its connections here, and so do tools that need
// a connection of their own (the benchmark's loader, which uses LOAD DATA, which cannot be prepared).
#ifndef SHIORI_SERVER_STORE_MYSQL_SESSION_H_
#define SHIORI_SERVER_STORE_MYSQL_SESSION_H_

#include <memory>

#include "absl/status/statusor.h"
#include "server/store/mysql_url.h"

namespace sql {
class Connection;
}  // namespace sql

namespace shiori::store {

// Connector/C++ wants threadInit/threadEnd around the use of connections on a thread: call this on a thread
// before it uses or closes a connection (OpenSession does).
void EnterConnectorThread();

// Connects to `target`; UNAVAILABLE (DATABASE_UNAVAILABLE) when it cannot.
absl::StatusOr<std::unique_ptr<sql::Connection>> OpenSession(const MysqlTarget& target);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_MYSQL_SESSION_H_
