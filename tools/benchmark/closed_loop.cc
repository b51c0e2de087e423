// See closed_loop.h.
#include "tools/benchmark/closed_loop.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

namespace shiori::bench {
namespace {

double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct ClientLog {
  std::vector<double> latencies_ms;
  int64_t errors = 0;
  std::string first_error;
};

}  // namespace

double PhaseResult::Percentile(double q) const {
  if (latencies_ms.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(q * latencies_ms.size()));
  rank = std::clamp<size_t>(rank, 1, latencies_ms.size());
  return latencies_ms[rank - 1];
}

PhaseResult RunClosedLoop(const std::string& operation, int clients, const LoopLimits& limits,
                          const Watched& watched, const Operation& op) {
  const absl::Time begin = absl::Now();
  const absl::Time window_start = begin + limits.warmup;
  const absl::Time window_end = window_start + limits.measure;
  std::vector<ClientLog> logs(clients);
  absl::Mutex mu;
  int running = clients;
  absl::Time last_finish = begin;
  const bool paced = limits.paced_calls_per_s > 0;
  const absl::Duration interval = paced ? absl::Seconds(1 / limits.paced_calls_per_s) : absl::ZeroDuration();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      ClientLog& log = logs[c];
      for (int64_t n = 0;; ++n) {
        absl::Time start = absl::Now();
        if (paced) {
          const absl::Time due = begin + interval * (n * clients + c);
          if (due >= window_end) break;
          if (start < due) absl::SleepFor(due - start);
          start = due;
        }
        if (start >= window_end) break;
        absl::Status s = op(c, n);
        const absl::Time end = absl::Now();
        if (s.code() == absl::StatusCode::kOutOfRange) break;
        // Every call started in the window counts with its full latency, also when it ends after the window
        // (otherwise the slowest calls would vanish from the percentiles); throughput divides by the window.
        if (start < window_start) continue;
        if (s.ok()) {
          log.latencies_ms.push_back(absl::ToDoubleMilliseconds(end - start));
        } else if (log.errors++ == 0) {
          // Code and message only: the rich details are binary protobufs.
          log.first_error = absl::StrCat(absl::StatusCodeToString(s.code()), ": ", s.message());
        }
      }
      absl::MutexLock lock(&mu);
      --running;
      last_finish = std::max(last_finish, absl::Now());
    });
  }
  PhaseResult r;
  r.operation = operation;
  r.kind = "rpc";
  r.clients = clients;
  // Sample the processes at the window's start, or when every client already stopped.
  double server0 = 0, db0 = 0, bench0 = 0;
  DbCounters counters0;
  auto counters = [&] {
    if (!watched.status) return DbCounters{};
    return ReadDbCounters(*watched.status).value_or(DbCounters{});
  };
  auto sample_start = [&] {
    counters0 = counters();
    server0 = watched.server ? CpuSeconds(watched.server) : 0;
    db0 = watched.database ? CpuSeconds(watched.database) : 0;
    bench0 = ProcessCpuSeconds();
    if (watched.watch) watched.watch->ResetPeaks();
  };
  {
    absl::MutexLock lock(&mu);
    auto stopped = [&] { return running == 0; };
    mu.AwaitWithDeadline(absl::Condition(&stopped), window_start);
  }
  sample_start();
  absl::Time measured_end;
  {
    absl::MutexLock lock(&mu);
    auto stopped = [&] { return running == 0; };
    mu.AwaitWithDeadline(absl::Condition(&stopped), window_end);
    if (paced && running > 0) {
      // Paced calls due in the window that are still to be made or answered: the row lasts until they are, so
      // that a rate above what the server can do shows as the throughput it did, not as the rate offered.
      mu.Await(absl::Condition(&stopped));
      measured_end = last_finish;
    } else {
      measured_end = running == 0 ? std::min(last_finish, window_end) : window_end;
    }
  }
  r.server_cpu_s = watched.server ? CpuSeconds(watched.server) - server0 : 0;
  r.db_cpu_s = watched.database ? CpuSeconds(watched.database) - db0 : 0;
  r.bench_cpu_s = ProcessCpuSeconds() - bench0;
  if (watched.status) r.db = counters() - counters0;
  if (watched.watch) {
    r.server_peak_mib = watched.watch->PeakMiB(0);
    r.db_peak_mib = watched.watch->PeakMiB(1);
  }
  for (auto& t : threads) t.join();
  r.seconds = std::max(0.0, absl::ToDoubleSeconds(measured_end - std::max(window_start, begin)));
  for (auto& log : logs) {
    r.latencies_ms.insert(r.latencies_ms.end(), log.latencies_ms.begin(), log.latencies_ms.end());
    r.errors += log.errors;
    if (r.first_error.empty()) r.first_error = log.first_error;
  }
  r.ok = static_cast<int64_t>(r.latencies_ms.size());
  std::sort(r.latencies_ms.begin(), r.latencies_ms.end());
  return r;
}

}  // namespace shiori::bench
