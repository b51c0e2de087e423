// See child_process.h.
#include "server/common/child_process.h"

#include <signal.h>
#include <sys/wait.h>

#include "absl/time/clock.h"

namespace shiori {

void StopChildProcess(pid_t pid, absl::Duration grace) {
  if (pid <= 0) return;
  ::kill(pid, SIGTERM);
  const absl::Time give_up = absl::Now() + grace;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (absl::Now() > give_up) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
}

}  // namespace shiori
