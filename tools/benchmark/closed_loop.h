// The closed-loop load generator: N clients, each calling one operation after another with no think time, for
// a fixed time (after a short warm-up that is not counted) or until every client runs out of work. It measures
// the latency of each call, the throughput of the measured window, and what the server and the database spent
// in that window (CPU seconds and peak resident memory, from /proc). Paced, the same clients together start a
// fixed number of calls a second instead, each when it is due: the latency of a call at a load below the
// machine's limit, counted from when it was due, so that a call started late is not made to look fast.
#ifndef SHIORI_TOOLS_BENCHMARK_CLOSED_LOOP_H_
#define SHIORI_TOOLS_BENCHMARK_CLOSED_LOOP_H_

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "tools/benchmark/db_status.h"
#include "tools/benchmark/proc_stats.h"

namespace shiori::bench {

struct PhaseResult {
  std::string operation;  // the RPC name, or a ceiling's name
  std::string variant;    // "" or what distinguishes two rows of one RPC
  std::string kind;       // "rpc", "mix", "ceiling" or "reference" (measured for comparison, no ceiling)
  int clients = 0;
  double seconds = 0;     // the measured window
  int64_t ok = 0;
  int64_t errors = 0;
  std::string first_error;
  std::vector<double> latencies_ms;  // of the successful calls, sorted
  double server_cpu_s = 0;
  double db_cpu_s = 0;
  double bench_cpu_s = 0;
  double server_peak_mib = 0;
  double db_peak_mib = 0;
  DbCounters db;  // MariaDB's counters over the window (all 0 when not watched)

  double ops_per_s() const { return seconds > 0 ? ok / seconds : 0; }
  // The q-quantile (0…1) of the latencies, nearest rank; 0 without calls.
  double Percentile(double q) const;
};

// The processes whose spending a phase reports: the server and mariadbd (0 for none), watched by `watch`
// (index 0 the server, 1 the database); MariaDB's status counters read over `status` (none: not read).
struct Watched {
  pid_t server = 0;
  pid_t database = 0;
  ResourceWatch* watch = nullptr;
  DirectSql* status = nullptr;
};

struct LoopLimits {
  absl::Duration warmup = absl::Milliseconds(500);
  absl::Duration measure = absl::Seconds(10);
  // 0: closed loop, each client calls again as soon as a call returns. Otherwise the calls the clients together
  // start per second, client c's n-th due at (n × clients + c) / rate after the start; a client behind its
  // schedule calls at once, and each call's latency counts from when it was due. The row's time runs until the
  // last call due in the window has been answered, so its throughput is what was done, not what was offered.
  double paced_calls_per_s = 0;
};

// One call of client `client`, its `n`-th (0-based). OUT_OF_RANGE means this client has no more work: it
// stops, and the call is not counted. Any other error is counted as a failed call.
using Operation = std::function<absl::Status(int client, int64_t n)>;

PhaseResult RunClosedLoop(const std::string& operation, int clients, const LoopLimits& limits,
                          const Watched& watched, const Operation& op);

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_CLOSED_LOOP_H_
