// The database: a pool of MariaDB/MySQL connections (Connector/C++) and transactions over them.
// Every SQL statement is prepared with bound parameters and cached per connection. Connector/C++ exceptions
// never leave this module: failures come back as absl::Status — ABORTED for a deadlock or lock wait timeout
// (InTransaction retries those), UNAVAILABLE when the server cannot be reached, ALREADY_EXISTS for a
// duplicate key — except on a unique key of request ids, which by convention is named `*_request`: that is a
// concurrent call with the same id, ABORTED too, so the unit runs again and answers as its retry.
// Thread-safe; one connection serves one transaction at a time.
#ifndef SHIORI_SERVER_STORE_DATABASE_H_
#define SHIORI_SERVER_STORE_DATABASE_H_

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "server/store/mysql_url.h"
#include "server/store/sql_value.h"

namespace shiori::store {

class PooledConnection;

// A unit of work on one connection. Inside Database::InTransaction it is one InnoDB transaction; inside
// Database::WithConnection each statement commits on its own.
class Tx {
 public:
  explicit Tx(PooledConnection* conn) : conn_(conn) {}
  absl::StatusOr<Rows> Query(absl::string_view sql, std::initializer_list<SqlValue> params = {});
  absl::StatusOr<Rows> Query(absl::string_view sql, const std::vector<SqlValue>& params);
  // Returns the number of rows changed. (An INSERT that needs its new id is a Query with RETURNING id: one
  // round trip instead of a second SELECT LAST_INSERT_ID().)
  absl::StatusOr<int64_t> Execute(absl::string_view sql, std::initializer_list<SqlValue> params = {});
  absl::StatusOr<int64_t> Execute(absl::string_view sql, const std::vector<SqlValue>& params);

 private:
  PooledConnection* conn_;
};

class Database {
 public:
  // Connects (the pool grows lazily up to max_connections) and sets UTC and utf8mb4 on every connection.
  // A connection that lay idle for a while is checked (a ping) before it is used again, and one that the server
  // dropped takes the other idle ones with it: after MariaDB restarts, calls get fresh connections instead of
  // failing one per pooled connection.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const MysqlTarget& target, int max_connections = 32);
  ~Database();

  // Runs fn in one transaction; commits when it returns OK, rolls back otherwise. A transaction that the
  // server aborted (deadlock, lock wait timeout) is retried from the start, up to `attempts` times.
  absl::Status InTransaction(const std::function<absl::Status(Tx&)>& fn, int attempts = 8);
  // Runs fn with autocommit statements (reads, DDL).
  absl::Status WithConnection(const std::function<absl::Status(Tx&)>& fn);

  const MysqlTarget& target() const { return target_; }

 private:
  explicit Database(MysqlTarget target, int max_connections);
  absl::StatusOr<std::unique_ptr<PooledConnection>> Acquire();
  void Release(std::unique_ptr<PooledConnection> conn);

  MysqlTarget target_;
  int max_connections_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<PooledConnection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_DATABASE_H_
