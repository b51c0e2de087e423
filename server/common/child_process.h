// Stopping a child process this program started: SIGTERM, then SIGKILL when it has not exited in time.
#ifndef SHIORI_SERVER_COMMON_CHILD_PROCESS_H_
#define SHIORI_SERVER_COMMON_CHILD_PROCESS_H_

#include <sys/types.h>

#include "absl/time/time.h"

namespace shiori {

// Sends SIGTERM to `pid` and reaps it; sends SIGKILL if it is still running after `grace`.
void StopChildProcess(pid_t pid, absl::Duration grace);

}  // namespace shiori

#endif  // SHIORI_SERVER_COMMON_CHILD_PROCESS_H_
