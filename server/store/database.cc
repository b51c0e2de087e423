// See database.h.
#include "server/store/database.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <list>
#include <map>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/common/error.h"
#include "server/store/mysql_session.h"

namespace shiori::store {

class PooledConnection {
 public:
  explicit PooledConnection(std::unique_ptr<sql::Connection> c) : conn(std::move(c)) {}
  // The statement prepared for `text`, from the cache of this connection. The cache keeps the most recently
  // used kMaxStatements: texts that vary (an IN list, a LIMIT) would otherwise pile up on the server until
  // it refuses to prepare more (max_prepared_stmt_count is shared by all connections).
  sql::PreparedStatement* Prepare(absl::string_view text) {
    std::string key(text);
    auto it = statements.find(key);
    if (it != statements.end()) {
      recent.splice(recent.begin(), recent, it->second.used);
      return it->second.statement.get();
    }
    std::unique_ptr<sql::PreparedStatement> ps(conn->prepareStatement(key));
    if (statements.size() >= kMaxStatements) {
      statements.erase(recent.back());  // closes it on the server
      recent.pop_back();
    }
    recent.push_front(key);
    sql::PreparedStatement* out = ps.get();
    statements.emplace(std::move(key), Cached{std::move(ps), recent.begin()});
    return out;
  }
  static constexpr size_t kMaxStatements = 128;
  struct Cached {
    std::unique_ptr<sql::PreparedStatement> statement;
    std::list<std::string>::iterator used;
  };
  // Transaction control as plain statements: START TRANSACTION … COMMIT is two round trips where
  // setAutoCommit(false) … commit() … setAutoCommit(true) is three.
  void Control(const char* sql) {
    if (!control) control.reset(conn->createStatement());
    control->execute(sql);
  }
  std::unique_ptr<sql::Connection> conn;
  std::unique_ptr<sql::Statement> control;
  std::list<std::string> recent;  // most recently used first
  std::map<std::string, Cached> statements;
  bool broken = false;  // not to be used again
  bool lost = false;    // the server dropped it (restarted, killed it): the idle ones may be gone too
  absl::Time idle_since = absl::InfinitePast();
};

namespace {

// How long a unit of work waits for a connection when all max_connections are in use.
constexpr absl::Duration kAcquireTimeout = absl::Seconds(30);
// A connection idle longer than this is pinged before it is used: under load connections are never idle that
// long (no round trip is added), and a database restart takes longer.
constexpr absl::Duration kCheckAfterIdle = absl::Seconds(1);

// Whether the server still answers on the connection (mysql_ping); no exception leaves it.
bool StillOpen(sql::Connection& conn) {
  try {
    return conn.isValid();
  } catch (const sql::SQLException&) {
    return false;
  }
}

bool IsConnectionError(int code) {
  return code == 2002 || code == 2003 || code == 2006 || code == 2013 || code == 2055 || code == 0;
}

absl::Status FromException(const sql::SQLException& e, PooledConnection* conn) {
  int code = e.getErrorCode();
  if (code == 1213 || code == 1205) {
    return Error(absl::StatusCode::kAborted, "TRANSACTION_ABORTED", "混み合っています。もう一度お試しください")
        .English(e.what());
  }
  if (code == 1062) {
    // A unique key on a request id (named *_request by convention, database.h): a call with the same id
    // committed between this unit's look-up of the id and its insert. Run the unit again: it finds the
    // first call's row and answers as that call's retry (AIP-155), as a later retry would.
    if (absl::StrContains(e.what(), "_request'")) {
      return Error(absl::StatusCode::kAborted, "TRANSACTION_ABORTED", "もう一度お試しください").English(e.what());
    }
    return Error(absl::StatusCode::kAlreadyExists, "DUPLICATE_KEY", "すでに登録されています").English(e.what());
  }
  if (IsConnectionError(code)) {
    if (conn) conn->broken = conn->lost = true;
    return Error(absl::StatusCode::kUnavailable, "DATABASE_UNAVAILABLE",
                 "ただいまご利用になれません。しばらくしてからお試しください")
        .English(e.what());
  }
  if (conn) conn->broken = true;  // unknown state: do not reuse
  return Error(absl::StatusCode::kInternal, "DATABASE_ERROR", "システムエラーが発生しました")
      .Meta("mysql_error", std::to_string(code))
      .English(e.what());
}

void Bind(sql::PreparedStatement* ps, int index, const SqlValue& v) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Null>) {
          ps->setNull(index, 0);
        } else if constexpr (std::is_same_v<T, int64_t>) {
          ps->setInt64(index, x);
        } else if constexpr (std::is_same_v<T, std::string>) {
          ps->setString(index, x);
        } else if constexpr (std::is_same_v<T, absl::CivilDay>) {
          ps->setString(index, FormatSqlDay(x));
        } else {
          ps->setString(index, FormatSqlTime(x));
        }
      },
      v);
}

template <typename Params>
sql::PreparedStatement* PrepareAndBind(PooledConnection* conn, absl::string_view text, const Params& params) {
  sql::PreparedStatement* ps = conn->Prepare(text);
  int i = 1;
  for (const SqlValue& v : params) Bind(ps, i++, v);
  return ps;
}

template <typename Params>
absl::StatusOr<Rows> RunQuery(PooledConnection* conn, absl::string_view text, const Params& params) {
  try {
    std::unique_ptr<sql::ResultSet> rs(PrepareAndBind(conn, text, params)->executeQuery());
    Rows rows;
    int columns = rs->getMetaData()->getColumnCount();
    while (rs->next()) {
      std::vector<std::optional<std::string>> cells;
      cells.reserve(columns);
      for (int c = 1; c <= columns; ++c) {
        std::string s = rs->getString(c);
        if (rs->wasNull()) {
          cells.emplace_back(std::nullopt);
        } else {
          cells.emplace_back(std::move(s));
        }
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  } catch (const sql::SQLException& e) {
    return FromException(e, conn);
  }
}

template <typename Params>
absl::StatusOr<int64_t> RunExecute(PooledConnection* conn, absl::string_view text, const Params& params) {
  try {
    return static_cast<int64_t>(PrepareAndBind(conn, text, params)->executeUpdate());
  } catch (const sql::SQLException& e) {
    return FromException(e, conn);
  }
}

}  // namespace

absl::StatusOr<Rows> Tx::Query(absl::string_view sql, std::initializer_list<SqlValue> params) {
  return RunQuery(conn_, sql, params);
}
absl::StatusOr<Rows> Tx::Query(absl::string_view sql, const std::vector<SqlValue>& params) {
  return RunQuery(conn_, sql, params);
}
absl::StatusOr<int64_t> Tx::Execute(absl::string_view sql, std::initializer_list<SqlValue> params) {
  return RunExecute(conn_, sql, params);
}
absl::StatusOr<int64_t> Tx::Execute(absl::string_view sql, const std::vector<SqlValue>& params) {
  return RunExecute(conn_, sql, params);
}

Database::Database(MysqlTarget target, int max_connections)
    : target_(std::move(target)), max_connections_(max_connections) {}

Database::~Database() {
  absl::MutexLock lock(&mu_);
  EnterConnectorThread();
  idle_.clear();
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const MysqlTarget& target, int max_connections) {
  std::unique_ptr<Database> db(new Database(target, max_connections));
  // Create the database on first use, then prove the pool works.
  MysqlTarget bare = target;
  bare.database.clear();
  Database bootstrap(bare, 1);
  absl::Status created = target.database.empty() ? absl::OkStatus() : bootstrap.WithConnection([&](Tx& tx) {
    return tx.Execute(absl::StrCat("CREATE DATABASE IF NOT EXISTS `", target.database,
                                   "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"))
        .status();
  });
  if (!created.ok()) return created;
  absl::Status ok = db->WithConnection([](Tx& tx) { return tx.Query("SELECT 1").status(); });
  if (!ok.ok()) return ok;
  return db;
}

absl::StatusOr<std::unique_ptr<PooledConnection>> Database::Acquire() {
  EnterConnectorThread();
  {
    absl::MutexLock lock(&mu_);
    auto can_take = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < max_connections_;
    };
    // Bounded: a pool that stays full (a stuck database) gives UNAVAILABLE, never a call that waits for ever.
    if (!mu_.AwaitWithTimeout(absl::Condition(&can_take), kAcquireTimeout)) {
      return Error(absl::StatusCode::kUnavailable, "DATABASE_BUSY",
                   "ただいま混み合っています。しばらくしてからお試しください")
          .English(absl::StrCat("no database connection became free in ", absl::FormatDuration(kAcquireTimeout)));
    }
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      if (absl::Now() - c->idle_since < kCheckAfterIdle) return c;
      mu_.Unlock();
      const bool open = StillOpen(*c->conn);
      mu_.Lock();
      if (open) return c;
      --open_;  // dropped by the server: a new one instead
    }
    ++open_;
  }
  auto conn = OpenSession(target_);
  if (!conn.ok()) {
    absl::MutexLock lock(&mu_);
    --open_;
    return conn.status();
  }
  return std::make_unique<PooledConnection>(std::move(*conn));
}

void Database::Release(std::unique_ptr<PooledConnection> conn) {
  std::vector<std::unique_ptr<PooledConnection>> dropped;  // closed, with a broken `conn`, after the lock
  absl::MutexLock lock(&mu_);
  if (!conn->broken) {
    conn->idle_since = absl::Now();
    idle_.push_back(std::move(conn));
    return;
  }
  --open_;  // a new one is opened on demand
  if (conn->lost) {
    // The server dropped this one: it has most likely dropped the idle ones as well (a restart).
    open_ -= static_cast<int>(idle_.size());
    dropped.swap(idle_);
  }
}

namespace {

// Runs the unit of work: no exception leaves it. Anything thrown besides the connector's own (a bug: a row read
// past its end, a failed allocation) is INTERNAL, and the connection, in an unknown state, is not reused.
absl::Status RunUnit(const std::function<absl::Status(Tx&)>& fn, Tx& tx, PooledConnection* conn) {
  try {
    return fn(tx);
  } catch (const sql::SQLException& e) {
    return FromException(e, conn);
  } catch (const std::exception& e) {
    conn->broken = true;
    return Error(absl::StatusCode::kInternal, "INTERNAL_ERROR", "システムエラーが発生しました").English(e.what());
  }
}

}  // namespace

absl::Status Database::WithConnection(const std::function<absl::Status(Tx&)>& fn) {
  auto conn = Acquire();
  if (!conn.ok()) return conn.status();
  Tx tx(conn->get());
  absl::Status s = RunUnit(fn, tx, conn->get());
  Release(std::move(*conn));
  return s;
}

absl::Status Database::InTransaction(const std::function<absl::Status(Tx&)>& fn, int attempts) {
  absl::Status last;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    auto acquired = Acquire();
    if (!acquired.ok()) return acquired.status();
    std::unique_ptr<PooledConnection> conn = std::move(*acquired);
    Tx tx(conn.get());
    try {
      conn->Control("START TRANSACTION");
      last = RunUnit(fn, tx, conn.get());
      if (last.ok() && !conn->broken) {
        conn->Control("COMMIT");
      } else if (!conn->broken) {
        conn->Control("ROLLBACK");
      }
    } catch (const sql::SQLException& e) {
      last = FromException(e, conn.get());
      try {
        if (!conn->broken) conn->Control("ROLLBACK");
      } catch (const sql::SQLException&) {
        conn->broken = true;
      }
    }
    Release(std::move(conn));
    if (last.code() != absl::StatusCode::kAborted || ReasonOf(last) != "TRANSACTION_ABORTED") return last;
    // Deadlock or lock wait timeout: back off a little (jittered by attempt) and run the whole unit again.
    absl::SleepFor(absl::Milliseconds(2 * (attempt + 1) + (std::hash<std::thread::id>{}(std::this_thread::get_id()) % 5)));
  }
  return last;
}

}  // namespace shiori::store
