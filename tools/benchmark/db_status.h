// What MariaDB did during a measured phase, from its global status counters: statements the clients sent
// (`Questions`, prepared executions included), statements prepared, commits, and physical writes of the redo log.
// Per call they show whether an RPC and its database ceiling really run the same SQL under load (a cached
// statement evicted and prepared again, a session touched, a retried transaction all show here), and how many
// commits one durable log write carried (group commit).
#ifndef SHIORI_TOOLS_BENCHMARK_DB_STATUS_H_
#define SHIORI_TOOLS_BENCHMARK_DB_STATUS_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
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

// What MariaDB still owes after a bulk load: pages of the buffer pool not yet written to their files, and undo
// records not yet purged (the history list).
struct DbBacklog {
  int64_t dirty_pages = 0;  // Innodb_buffer_pool_pages_dirty
  int64_t history = 0;      // Innodb_history_list_length
};
absl::StatusOr<DbBacklog> ReadDbBacklog(DirectSql& sql);

// After the data set is loaded, and before every row: has InnoDB write its dirty pages out at full speed
// (innodb_max_dirty_pages_pct 0 and a raised innodb_io_capacity, restored afterwards) and waits until the backlog
// is small or `limit` has passed, so that no row pays for the flushing and purge of what came before it (the
// load; a ceiling's reservations deleted; the returned loans of a Checkin row). Returns the backlog before and
// after.
struct Settled {
  DbBacklog before;
  DbBacklog after;
  double seconds = 0;
};
absl::StatusOr<Settled> Settle(DirectSql& sql, absl::Duration limit);

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_DB_STATUS_H_
