// See embedded_mariadb.h.
#include "server/store/embedded_mariadb.h"

#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/common/child_process.h"
#include "server/common/error.h"

namespace shiori::store {
namespace {

namespace fs = std::filesystem;

absl::Status Unavailable(const std::string& what) {
  return Error(absl::StatusCode::kUnavailable, "EMBEDDED_DATABASE_FAILED", "データベースを起動できませんでした")
      .English(what);
}

bool SocketAccepts(const std::string& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path.c_str());
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

std::string FindProgram(const std::string& name) {
  std::vector<std::string> dirs = {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"};
  if (const char* path = std::getenv("PATH")) {
    std::stringstream ss(path);
    std::string d;
    while (std::getline(ss, d, ':')) dirs.insert(dirs.begin(), d);
  }
  for (const auto& d : dirs) {
    fs::path p = fs::path(d) / name;
    if (::access(p.c_str(), X_OK) == 0) return p.string();
  }
  return "";
}

// The socket lives in the state folder unless that path is too long for a Unix socket address.
std::string SocketPathFor(const std::string& dir) {
  std::string in_dir = dir + "/mysql.sock";
  if (in_dir.size() < sizeof(sockaddr_un::sun_path) - 1) return in_dir;
  return absl::StrCat("/tmp/shiori-", std::hash<std::string>{}(dir), ".sock");
}

// MariaDB's programs, with their output in `log_file`. A temporary folder of their own: servers bootstrapping
// side by side must not share /tmp's temporary tables. SIGTERM when we die, so a crashed server never leaves its
// database behind; not in the terminal's process group, so Ctrl-C reaches the server, which stops them.
absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& argv, const std::string& log_file,
                            const std::string& tmp_dir) {
  ChildLaunch launch;
  launch.argv = argv;
  launch.log_file = log_file;
  launch.env = {"TMPDIR=" + tmp_dir};
  launch.death_signal = SIGTERM;
  launch.own_process_group = true;
  return StartChildProcess(launch);
}

std::string Tail(const std::string& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  std::string l;
  while (std::getline(in, l)) lines.push_back(l);
  std::string out;
  for (size_t i = lines.size() > 8 ? lines.size() - 8 : 0; i < lines.size(); ++i) absl::StrAppend(&out, lines[i], "\n");
  return out;
}

// Starts mariadbd on the state folder `dir` (its data made already) and waits until it accepts connections.
absl::StatusOr<pid_t> StartServer(const std::string& dir, const std::string& socket) {
  const std::string datadir = dir + "/mysql";
  const std::string tmp_dir = dir + "/tmp";
  const std::string log = dir + "/mysql.log";
  const bool as_root = ::geteuid() == 0;
  std::string mariadbd = FindProgram("mariadbd");
  if (mariadbd.empty()) return Unavailable("mariadbd not found (install mariadb-server; tools/setup does)");
  std::vector<std::string> argv = {mariadbd,
                                   "--no-defaults",
                                   "--datadir=" + datadir,
                                   "--socket=" + socket,
                                   "--skip-networking",
                                   "--pid-file=" + dir + "/mysql.pid",
                                   "--log-error=" + log,
                                   "--character-set-server=utf8mb4",
                                   "--collation-server=utf8mb4_bin",
                                   "--innodb-flush-log-at-trx-commit=1",
                                   "--innodb-buffer-pool-size=512M",
                                   "--max-connections=1000",
                                   "--skip-name-resolve",
                                   "--tmpdir=" + tmp_dir};
  if (as_root) argv.push_back("--user=root");
  auto started = Spawn(argv, log, tmp_dir);
  if (!started.ok()) return Unavailable(std::string(started.status().message()));
  const pid_t pid = *started;
  absl::Time give_up = absl::Now() + absl::Seconds(180);
  while (!SocketAccepts(socket)) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      return Unavailable(absl::StrCat("mariadbd exited at start; see ", log, ":\n", Tail(log)));
    }
    if (absl::Now() > give_up) {
      StopChildProcess(pid, absl::Seconds(10));
      return Unavailable(absl::StrCat("mariadbd did not start in time; see ", log));
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  return pid;
}

}  // namespace

bool EmbeddedMariaDb::Exists(const std::string& state_dir) {
  std::error_code ec;
  return fs::exists(state_dir + "/mysql/mysql", ec);
}

absl::StatusOr<std::unique_ptr<EmbeddedMariaDb>> EmbeddedMariaDb::AttachOrStart(const std::string& state_dir) {
  std::error_code ec;
  fs::create_directories(state_dir, ec);
  if (ec) return Unavailable(absl::StrCat("cannot create state folder ", state_dir, ": ", ec.message()));
  std::string dir = fs::canonical(state_dir).string();
  std::string socket = SocketPathFor(dir);
  if (SocketAccepts(socket)) {
    return std::unique_ptr<EmbeddedMariaDb>(new EmbeddedMariaDb(dir, socket, 0));
  }
  std::string datadir = dir + "/mysql";
  std::string tmp_dir = dir + "/tmp";
  fs::create_directories(tmp_dir, ec);
  std::string log = dir + "/mysql.log";
  bool as_root = ::geteuid() == 0;
  if (!fs::exists(datadir + "/mysql")) {
    std::string install = FindProgram("mariadb-install-db");
    if (install.empty()) return Unavailable("mariadb-install-db not found (install mariadb-server; tools/setup does)");
    std::vector<std::string> argv = {install, "--no-defaults", "--datadir=" + datadir,
                                     "--auth-root-authentication-method=normal", "--skip-test-db"};
    if (as_root) argv.push_back("--user=root");
    auto pid = Spawn(argv, log, tmp_dir);
    if (!pid.ok()) return Unavailable(std::string(pid.status().message()));
    if (WaitChildProcess(*pid) != 0) {
      fs::remove_all(datadir, ec);
      return Unavailable(absl::StrCat("mariadb-install-db failed; see ", log, ":\n", Tail(log)));
    }
  }
  auto started = StartServer(dir, socket);
  if (!started.ok()) return started.status();
  return std::unique_ptr<EmbeddedMariaDb>(new EmbeddedMariaDb(dir, socket, *started));
}

MysqlTarget EmbeddedMariaDb::target() const {
  MysqlTarget t;
  t.socket = socket_;
  t.user = "root";
  t.database = "shiori";
  return t;
}

bool EmbeddedMariaDb::Exited() {
  if (pid_ == -1) return true;  // a restart failed
  if (pid_ == 0) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;  // still running
  pid_ = -1;  // reaped; Restart starts another
  return true;
}

absl::Status EmbeddedMariaDb::Restart() {
  auto started = StartServer(state_dir_, socket_);
  if (!started.ok()) return started.status();
  pid_ = *started;
  return absl::OkStatus();
}

void EmbeddedMariaDb::Stop() {
  StopChildProcess(pid_, absl::Seconds(60));
  pid_ = 0;
}

EmbeddedMariaDb::~EmbeddedMariaDb() { Stop(); }

}  // namespace shiori::store
