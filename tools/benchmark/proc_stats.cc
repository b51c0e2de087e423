// See proc_stats.h.
#include "tools/benchmark/proc_stats.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "absl/time/clock.h"

namespace shiori::bench {
namespace {

double StatusFieldMiB(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) {
      std::istringstream rest(line.substr(field.size() + 1));
      double kib = 0;
      rest >> kib;
      return kib / 1024.0;
    }
  }
  return 0;
}

}  // namespace

double CpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The command name (field 2) may hold spaces; fields are counted after its closing parenthesis.
  size_t close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string f;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14) utime = std::stoull(f);
    if (i == 15) stime = std::stoull(f);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double RssMiB(pid_t pid) { return StatusFieldMiB(pid, "VmRSS"); }
double PeakRssMiB(pid_t pid) { return StatusFieldMiB(pid, "VmHWM"); }

ResourceWatch::ResourceWatch(std::vector<pid_t> pids) : pids_(std::move(pids)), peaks_(pids_.size(), 0) {
  Sample();
  thread_ = std::thread([this] {
    while (!stop_.load()) {
      absl::SleepFor(absl::Milliseconds(50));
      Sample();
    }
  });
}

ResourceWatch::~ResourceWatch() {
  stop_.store(true);
  thread_.join();
}

void ResourceWatch::Sample() {
  std::vector<double> now;
  for (pid_t p : pids_) now.push_back(RssMiB(p));
  absl::MutexLock lock(&mu_);
  for (size_t i = 0; i < now.size(); ++i) peaks_[i] = std::max(peaks_[i], now[i]);
}

void ResourceWatch::ResetPeaks() {
  std::vector<double> now;
  for (pid_t p : pids_) now.push_back(RssMiB(p));
  absl::MutexLock lock(&mu_);
  peaks_ = now;
}

double ResourceWatch::PeakMiB(size_t index) {
  absl::MutexLock lock(&mu_);
  return index < peaks_.size() ? peaks_[index] : 0;
}

}  // namespace shiori::bench
