// What MariaDB did during a measured phase, from its global status counters: statements the clients sent
// (`Questions`, prepared executions included), statements prepared, commits, and physical writes of the redo log.
// Per call they show whether an RPC and its database ceiling really run the same SQL under load (a cached
// statement evicted and prepared again, a session touched, a retried transaction all show here), and how many
// commits one durable log write carried (group commit).
#ifndef SHIORI_TOOLS_BENCHMARK_DB_STATUS_H_
#define SHIORI_TOOLS_BENCHMARK_DB_STATUS_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "tools/benchmark/direct_sql.h"

namespace shiori::bench {

struct DbCounters {
  int64_t statements = 0;  // Questions
  int64_t prepares = 0;    // Com_stmt_prepare
  int64_t commits = 0;     // Com_commit
  int64_t log_writes = 0; // Innodb_log_writes

  DbCounters operator-(const DbCounters& before) const {
    return {statements - before.statements, prepares - before.prepares, commits - before.commits,
            log_writes - before.log_writes};
  }
};

// The counters now, over `sql` (a connection of its own: the reading statement counts itself once).
absl::StatusOr<DbCounters> ReadDbCounters(DirectSql& sql);

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_DB_STATUS_H_
