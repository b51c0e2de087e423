// See direct_sql.h.
#include "tools/benchmark/direct_sql.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <functional>

#include "absl/strings/str_cat.h"
#include "server/store/mysql_session.h"

namespace shiori::bench {

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
  auto conn = store::OpenSession(target);
  if (!conn.ok()) return conn.status();
  return std::unique_ptr<DirectSql>(new DirectSql(*std::move(conn)));
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
