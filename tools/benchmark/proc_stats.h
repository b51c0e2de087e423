// What a process has spent, read from /proc/PID: CPU seconds (user + system, its threads included) and resident
// memory. A ResourceWatch samples the resident size of a few processes every 50 ms so that each measured phase
// can report its own peak; the kernel's VmHWM only knows the peak since the process started.
#ifndef SHIORI_TOOLS_BENCHMARK_PROC_STATS_H_
#define SHIORI_TOOLS_BENCHMARK_PROC_STATS_H_

#include <sys/types.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace shiori::bench {

// CPU seconds used so far by `pid` (0 when it cannot be read).
double CpuSeconds(pid_t pid);
// Resident set size now (VmRSS) and at its peak since start (VmHWM), in MiB; 0 when unknown.
double RssMiB(pid_t pid);
double PeakRssMiB(pid_t pid);

// Samples the resident size of the watched processes in a background thread. Thread-safe.
class ResourceWatch {
 public:
  explicit ResourceWatch(std::vector<pid_t> pids);
  ~ResourceWatch();
  // Starts a new phase: the peaks are reset to the current sizes.
  void ResetPeaks();
  // The peak resident size of process `index` since the last ResetPeaks().
  double PeakMiB(size_t index);

 private:
  void Sample();
  std::vector<pid_t> pids_;
  absl::Mutex mu_;
  std::vector<double> peaks_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_PROC_STATS_H_
