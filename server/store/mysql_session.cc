// See mysql_session.h.
#include "server/store/mysql_session.h"

#include <cppconn/connection.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include "absl/strings/str_cat.h"
#include "server/common/error.h"

namespace shiori::store {
namespace {

sql::mysql::MySQL_Driver* Driver() {
  static sql::mysql::MySQL_Driver* driver = sql::mysql::get_mysql_driver_instance();
  return driver;
}

}  // namespace

void EnterConnectorThread() {
  struct ThreadGuard {
    ThreadGuard() { Driver()->threadInit(); }
    ~ThreadGuard() { Driver()->threadEnd(); }
  };
  thread_local ThreadGuard guard;
}

absl::StatusOr<std::unique_ptr<sql::Connection>> OpenSession(const MysqlTarget& target) {
  EnterConnectorThread();
  try {
    sql::ConnectOptionsMap options;
    if (!target.socket.empty()) {
      options["hostName"] = sql::SQLString("unix://" + target.socket);
    } else {
      options["hostName"] = sql::SQLString(absl::StrCat("tcp://", target.host, ":", target.port));
    }
    options["userName"] = sql::SQLString(target.user);
    options["password"] = sql::SQLString(target.password);
    if (!target.database.empty()) options["schema"] = sql::SQLString(target.database);
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    options["OPT_RECONNECT"] = false;
    if (target.io_timeout_s > 0) {
      options["OPT_CONNECT_TIMEOUT"] = target.io_timeout_s;
      options["OPT_READ_TIMEOUT"] = target.io_timeout_s;
      options["OPT_WRITE_TIMEOUT"] = target.io_timeout_s;
    }
    std::unique_ptr<sql::Connection> conn(Driver()->connect(options));
    std::unique_ptr<sql::Statement> st(conn->createStatement());
    st->execute("SET time_zone = '+00:00'");
    st->execute("SET NAMES utf8mb4 COLLATE utf8mb4_bin");
    st->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    return conn;
  } catch (const sql::SQLException& e) {
    return Error(absl::StatusCode::kUnavailable, "DATABASE_UNAVAILABLE",
                 "ただいまご利用になれません。しばらくしてからお試しください")
        .English(absl::StrCat("cannot connect to the database: ", e.what()));
  }
}

}  // namespace shiori::store
