// A check that the database ceilings do the server's work: MariaDB's general log counts the statements
// (queries and executions of prepared statements, transaction control included) of one real
// PlaceReservation RPC and of one PlaceReservationSql call, and of one Checkin RPC and one CheckinSql call. Both are warmed up first, so connection set-up and
// statement preparation are not counted. The server must be otherwise idle while this runs.
#ifndef SHIORI_TOOLS_BENCHMARK_SQL_COUNT_H_
#define SHIORI_TOOLS_BENCHMARK_SQL_COUNT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/mysql_url.h"
#include "tools/benchmark/direct_sql.h"
#include "tools/benchmark/workloads.h"

namespace shiori::bench {

struct StatementCounts {
  int rpc = 0;
  int ceiling = 0;
  std::vector<std::string> rpc_statements;  // as logged, for --verbose reading
};

// Uses `client`'s first ceiling session; `admin` is a connection to MariaDB that switches the log.
absl::StatusOr<StatementCounts> CountPlaceStatements(DirectSql& admin, const store::MysqlTarget& target,
                                                     Workloads& work, ClientState& client);

// The desk: one Checkout RPC, one Checkin RPC of the copy it lent (nobody waiting), and one CheckinSql call of
// another such copy. Lends and returns copies of client `c`'s first borrowers; their loans are all returned.
struct DeskStatementCounts {
  int checkout_rpc = 0;
  int checkin_rpc = 0;
  int checkin_ceiling = 0;
};
absl::StatusOr<DeskStatementCounts> CountDeskStatements(DirectSql& admin, const store::MysqlTarget& target,
                                                        Workloads& work, int c, ClientState& client);

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_SQL_COUNT_H_
