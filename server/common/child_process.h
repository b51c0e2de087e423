// Starting and stopping the child processes this program runs: its private MariaDB, and in tests and the
// benchmark the server, the admin tool and a mail server. One mechanism, so that each of them dies with its
// parent and writes its output where it is asked to.
#ifndef SHIORI_SERVER_COMMON_CHILD_PROCESS_H_
#define SHIORI_SERVER_COMMON_CHILD_PROCESS_H_

#include <signal.h>
#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace shiori {

struct ChildLaunch {
  // argv[0] is a path, or (with search_path) a program name looked up in PATH.
  std::vector<std::string> argv;
  bool search_path = false;
  // stdout and stderr go to this file (empty: this process's own).
  std::string log_file;
  bool truncate_log = false;  // else appended to
  // NAME=value entries set in the child's environment, replacing the parent's value of the same name.
  std::vector<std::string> env;
  // Sent to the child when this process dies (0: none), so a crash never leaves a child behind.
  int death_signal = SIGKILL;
  // A process group of its own: Ctrl-C in a terminal reaches this process, which then stops the child.
  bool own_process_group = false;
};

// Starts the child. Everything that allocates is done before fork, so it is safe in a threaded process.
absl::StatusOr<pid_t> StartChildProcess(const ChildLaunch& launch);

// Waits for the child to exit and returns its exit code (128 + the signal if a signal ended it).
int WaitChildProcess(pid_t pid);

// Sends SIGTERM to `pid` and reaps it; sends SIGKILL if it is still running after `grace`.
void StopChildProcess(pid_t pid, absl::Duration grace);

}  // namespace shiori

#endif  // SHIORI_SERVER_COMMON_CHILD_PROCESS_H_
