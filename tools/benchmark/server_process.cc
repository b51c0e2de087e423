// See server_process.h.
#include "tools/benchmark/server_process.h"

#include <sys/wait.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/common/child_process.h"

namespace shiori::bench {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Tail(const std::string& text) {
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(const ServerLaunch& launch) {
  std::vector<std::string> argv = launch.prefix;
  argv.insert(argv.end(), {launch.binary, "--listen", "localhost:0", "--mysql", launch.mysql_url});
  // The log is emptied at the start: a log left by an earlier run in the same state folder must not be read as
  // this server's "ready on". The prefix (valgrind …) is looked up in PATH.
  ChildLaunch child;
  child.argv = argv;
  child.search_path = true;
  child.log_file = launch.log_file;
  child.truncate_log = true;
  auto started = StartChildProcess(child);
  if (!started.ok()) return started.status();
  const pid_t pid = *started;
  const std::regex ready("ready on [^:\\s]+:([0-9]+)");
  const absl::Time give_up = absl::Now() + absl::Minutes(10);
  while (absl::Now() < give_up) {
    std::string log = ReadFile(launch.log_file);
    std::smatch m;
    if (std::regex_search(log, m, ready)) {
      return std::unique_ptr<ServerProcess>(new ServerProcess(pid, absl::StrCat("localhost:", m[1].str())));
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      return absl::UnavailableError(absl::StrCat("shiori-server exited before it was ready:\n", Tail(log)));
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return absl::UnavailableError(
      absl::StrCat("shiori-server was not ready in time:\n", Tail(ReadFile(launch.log_file))));
}

void ServerProcess::Stop() {
  StopChildProcess(pid_, absl::Seconds(20));
  pid_ = 0;
}

ServerProcess::~ServerProcess() { Stop(); }

}  // namespace shiori::bench
