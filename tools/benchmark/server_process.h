// A shiori-server child process for the benchmark: started against a given database URL on a free loopback
// port, stopped (SIGTERM, then SIGKILL after 20 s) when the object goes away. Its output goes to a log file.
// The child dies with the benchmark (PR_SET_PDEATHSIG), so an interrupted run leaves nothing behind.
#ifndef SHIORI_TOOLS_BENCHMARK_SERVER_PROCESS_H_
#define SHIORI_TOOLS_BENCHMARK_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace shiori::bench {

struct ServerLaunch {
  std::string binary;               // shiori-server
  std::vector<std::string> prefix;  // run under this (e.g. valgrind --tool=callgrind …); empty: directly
  std::string mysql_url;
  std::string log_file;
};

class ServerProcess {
 public:
  // Starts the server and waits (up to 10 minutes, for runs under valgrind) until it prints "ready on".
  // UNAVAILABLE with the log's tail when it exits or never gets ready.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(const ServerLaunch& launch);
  ~ServerProcess();

  pid_t pid() const { return pid_; }
  // "localhost:PORT"
  const std::string& address() const { return address_; }
  void Stop();

 private:
  ServerProcess(pid_t pid, std::string address) : pid_(pid), address_(std::move(address)) {}
  pid_t pid_;
  std::string address_;
};

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_SERVER_PROCESS_H_
