// See child_process.h.
#include "server/common/child_process.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

extern char** environ;

namespace shiori {
namespace {

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// The parent's environment with `overrides` in place of the entries of the same name.
std::vector<std::string> ChildEnvironment(const std::vector<std::string>& overrides) {
  std::vector<std::string> env = overrides;
  for (char** e = environ; *e != nullptr; ++e) {
    bool replaced = false;
    for (const std::string& o : overrides) {
      const size_t eq = o.find('=');
      if (absl::StartsWith(*e, o.substr(0, eq == std::string::npos ? o.size() : eq + 1))) replaced = true;
    }
    if (!replaced) env.emplace_back(*e);
  }
  return env;
}

}  // namespace

absl::StatusOr<pid_t> StartChildProcess(const ChildLaunch& launch) {
  if (launch.argv.empty()) return absl::InvalidArgumentError("no program to start");
  std::vector<std::string> argv_strings = launch.argv;
  std::vector<std::string> env_strings = ChildEnvironment(launch.env);
  std::vector<char*> argv = Pointers(argv_strings);
  std::vector<char*> envp = Pointers(env_strings);
  int log_fd = -1;
  if (!launch.log_file.empty()) {
    log_fd = ::open(launch.log_file.c_str(),
                    O_WRONLY | O_CREAT | O_CLOEXEC | (launch.truncate_log ? O_TRUNC : O_APPEND), 0644);
    if (log_fd < 0) {
      return absl::UnavailableError(absl::StrCat("cannot open ", launch.log_file, ": ", std::strerror(errno)));
    }
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    if (log_fd >= 0) ::close(log_fd);
    return absl::UnavailableError(absl::StrCat("cannot start ", launch.argv[0], ": ", std::strerror(error)));
  }
  if (pid == 0) {
    // The child: only async-signal-safe calls from here on.
    if (launch.death_signal != 0) {
      ::prctl(PR_SET_PDEATHSIG, launch.death_signal);
      if (::getppid() != parent) ::_exit(127);  // the parent died before the line above
    }
    if (launch.own_process_group) ::setpgid(0, 0);
    if (log_fd >= 0) {
      ::dup2(log_fd, 1);
      ::dup2(log_fd, 2);
    }
    if (launch.search_path) {
      ::execvpe(argv[0], argv.data(), envp.data());
    } else {
      ::execve(argv[0], argv.data(), envp.data());
    }
    ::_exit(127);
  }
  if (log_fd >= 0) ::close(log_fd);
  return pid;
}

int WaitChildProcess(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return 127;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 127;
}

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
