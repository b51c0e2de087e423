// See direct_sql.h.
#include "tools/benchmark/direct_sql.h"

#include <cppconn/connection.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <functional>

#include "absl/strings/str_cat.h"

namespace shiori::bench {
namespace {

sql::Driver* DriverForThisThread() {
  static sql::mysql::MySQL_Driver* driver = sql::mysql::get_mysql_driver_instance();
  struct ThreadGuard {
    ThreadGuard() { driver->threadInit(); }
    ~ThreadGuard() { driver->threadEnd(); }
  };
  thread_local ThreadGuard guard;
  return driver;
}

}  // namespace

absl::Status CatchSql(const std::function<void()>& fn) {
  try {
    fn();
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    int code = e.getErrorCode();
    std::string what = absl::StrCat("MariaDB error ", code, ": ", e.what());
    if (code == 1213 || code == 1205) return absl::AbortedError(what);
    if (code == 1062) return absl::AlreadyExistsError(what);
    if (code >= 2000 && code < 3000) return absl::UnavailableError(what);
    return absl::InternalError(what);
  }
}

DirectSql::DirectSql(std::unique_ptr<sql::Connection> conn) : conn_(std::move(conn)) {}

DirectSql::~DirectSql() {
  prepared_.clear();
  conn_.reset();
}

absl::StatusOr<std::unique_ptr<DirectSql>> DirectSql::Connect(const store::MysqlTarget& target) {
  sql::Driver* driver = DriverForThisThread();
  std::unique_ptr<sql::Connection> conn;
  absl::Status s = CatchSql([&] {
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
    conn.reset(driver->connect(options));
    std::unique_ptr<sql::Statement> st(conn->createStatement());
    st->execute("SET time_zone = '+00:00'");
    st->execute("SET NAMES utf8mb4 COLLATE utf8mb4_bin");
    st->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
  });
  if (!s.ok()) return s;
  return std::unique_ptr<DirectSql>(new DirectSql(std::move(conn)));
}

absl::Status DirectSql::Run(const std::string& statement) {
  return CatchSql([&] {
    std::unique_ptr<sql::Statement> st(conn_->createStatement());
    st->execute(statement);
  });
}

absl::StatusOr<std::vector<std::string>> DirectSql::Column(const std::string& query) {
  std::vector<std::string> out;
  absl::Status s = CatchSql([&] {
    std::unique_ptr<sql::Statement> st(conn_->createStatement());
    std::unique_ptr<sql::ResultSet> rs(st->executeQuery(query));
    while (rs->next()) out.push_back(rs->getString(1));
  });
  if (!s.ok()) return s;
  return out;
}

sql::PreparedStatement* DirectSql::Prepare(const std::string& text) {
  auto it = prepared_.find(text);
  if (it != prepared_.end()) return it->second.get();
  sql::PreparedStatement* ps = conn_->prepareStatement(text);
  prepared_.emplace(text, std::unique_ptr<sql::PreparedStatement>(ps));
  return ps;
}

}  // namespace shiori::bench
