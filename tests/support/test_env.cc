// See test_env.h.
#include "tests/support/test_env.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "server/common/child_process.h"
#include "server/store/database.h"
#include "server/store/embedded_mariadb.h"
#include "server/store/migrations.h"

namespace shiori::testing {
namespace fs = std::filesystem;

std::string ServerBinary() { return SHIORI_SERVER_BIN; }
std::string AdminBinary() { return SHIORI_ADMIN_BIN; }
std::string CliBinary() { return SHIORI_CLI_BIN; }
std::string SourceDir() { return SHIORI_SOURCE_DIR; }
std::string DataDir() { return SHIORI_DATA_DIR; }

std::string NewTempDir(const std::string& prefix) {
  static std::atomic<int> counter{0};
  std::string dir = absl::StrCat(SHIORI_TEST_TMP, "/", prefix, "-", ::getpid(), "-", counter++);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::unique_ptr<store::EmbeddedMariaDb>& Embedded() {
  static auto* db = new std::unique_ptr<store::EmbeddedMariaDb>();
  return *db;
}

}  // namespace

// Stops the test binary's MariaDB at exit and removes its data (every binary makes its own).
std::string& MariaDbDir() {
  static auto* dir = new std::string();
  return *dir;
}
struct MariaDbStopper {
  ~MariaDbStopper() {
    if (Embedded()) Embedded()->Stop();
    if (!MariaDbDir().empty()) {
      std::error_code ec;
      fs::remove_all(MariaDbDir() + "/mysql", ec);
    }
  }
};
static MariaDbStopper stopper;

TestMariaDb::TestMariaDb() {
  dir_ = NewTempDir("mariadb");
  auto db = store::EmbeddedMariaDb::AttachOrStart(dir_);
  if (!db.ok()) {
    std::fprintf(stderr, "cannot start the test MariaDB: %s\n", db.status().ToString().c_str());
    std::abort();
  }
  socket_ = (*db)->target().socket;
  Embedded() = std::move(*db);
  MariaDbDir() = dir_;
}

TestMariaDb& TestMariaDb::Get() {
  static TestMariaDb* instance = new TestMariaDb();
  return *instance;
}

std::string TestMariaDb::UrlFor(const std::string& database) const {
  return absl::StrCat("mysql://root@localhost/", database, "?socket=", socket_);
}

absl::StatusOr<std::vector<std::string>> TestMariaDb::Sql(const std::string& database, const std::string& sql) const {
  store::MysqlTarget t;
  t.socket = socket_;
  t.database = database;
  auto db = store::Database::Open(t, 1);
  if (!db.ok()) return db.status();
  std::vector<std::string> out;
  absl::Status s = (*db)->WithConnection([&](store::Tx& tx) -> absl::Status {
    std::string head = sql.substr(0, 8);
    for (auto& c : head) c = static_cast<char>(std::toupper(c));
    if (absl::StartsWith(head, "SELECT") || absl::StartsWith(head, "SHOW")) {
      auto rows = tx.Query(sql);
      if (!rows.ok()) return rows.status();
      for (const auto& r : *rows) {
        std::vector<std::string> cells;
        for (int i = 0; i < r.size(); ++i) cells.push_back(r.IsNull(i) ? "NULL" : r.Str(i));
        out.push_back(absl::StrJoin(cells, "\t"));
      }
      return absl::OkStatus();
    }
    auto n = tx.Execute(sql);
    if (!n.ok()) return n.status();
    out.push_back(std::to_string(*n));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

CommandResult RunShell(const std::string& command) {
  CommandResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) r.output.append(buffer, n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

absl::Status RunAdmin(const std::string& database, const std::vector<std::string>& args, std::string* output) {
  std::string log = NewTempDir("admin") + "/out.log";
  std::vector<std::string> argv = {AdminBinary(), "--mysql", TestMariaDb::Get().UrlFor(database)};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildLaunch launch;
  launch.argv = argv;
  launch.log_file = log;
  auto pid = StartChildProcess(launch);
  if (!pid.ok()) return pid.status();
  const int exit_code = WaitChildProcess(*pid);
  std::string out = ReadAll(log);
  if (output) *output = out;
  if (exit_code != 0) {
    return absl::InternalError(absl::StrCat("shiori-admin ", absl::StrJoin(args, " "), " failed: ", out));
  }
  return absl::OkStatus();
}

namespace {

// Copies every table of `from` into `to` (same schema: both migrated by this build), skipping generated columns.
absl::Status CopyDatabase(const std::string& from, const std::string& to) {
  auto& m = TestMariaDb::Get();
  auto tables = m.Sql("", absl::StrCat("SELECT table_name FROM information_schema.tables WHERE table_schema = '",
                                       from, "' AND table_type = 'BASE TABLE'"));
  if (!tables.ok()) return tables.status();
  for (const std::string& t : *tables) {
    if (t == "schema_version") continue;
    auto cols = m.Sql("", absl::StrCat("SELECT GROUP_CONCAT(CONCAT('`', column_name, '`') ORDER BY ordinal_position)"
                                       " FROM information_schema.columns WHERE table_schema = '", from,
                                       "' AND table_name = '", t, "' AND extra NOT LIKE '%GENERATED%'"));
    if (!cols.ok()) return cols.status();
    auto r = m.Sql(to, absl::StrCat("INSERT IGNORE INTO `", to, "`.`", t, "` (", cols->at(0), ") SELECT ", cols->at(0),
                                    " FROM `", from, "`.`", t, "`"));
    if (!r.ok()) return r.status();
  }
  return absl::OkStatus();
}

absl::Status Migrate(const std::string& name) {
  store::MysqlTarget t;
  t.socket = TestMariaDb::Get().socket();
  t.database = name;
  auto db = store::Database::Open(t, 1);
  if (!db.ok()) return db.status();
  return store::ApplyMigrations(**db).status();
}

}  // namespace

absl::StatusOr<std::string> NewDatabase(Seed seed) {
  static std::atomic<int> counter{0};
  std::string name = absl::StrCat("t", ::getpid(), "_", counter++);
  absl::Status s = Migrate(name);
  if (!s.ok()) return s;
  if (seed == Seed::kEmpty) return name;
  if (seed == Seed::kFullCatalog) {
    static std::once_flag once;
    static absl::Status imported;
    static std::string catalog_db = absl::StrCat("catalog", ::getpid());
    std::call_once(once, [&] {
      imported = Migrate(catalog_db);
      if (imported.ok()) imported = RunAdmin(catalog_db, {"import"});
      if (imported.ok()) imported = RunAdmin(catalog_db, {"demo-accounts"});
    });
    if (!imported.ok()) return imported;
    s = CopyDatabase(catalog_db, name);
    if (!s.ok()) return s;
    return name;
  }
  s = RunAdmin(name, {"import", "--demo-only"});
  if (!s.ok()) return s;
  s = RunAdmin(name, {"demo-accounts"});
  if (!s.ok()) return s;
  return name;
}

absl::StatusOr<std::unique_ptr<TestServer>> TestServer::Start(const ServerOptions& options) {
  std::unique_ptr<TestServer> s(new TestServer());
  s->options_ = options;
  s->log_ = NewTempDir("server") + "/server.log";
  std::vector<std::string> argv = {ServerBinary(), "--listen", "localhost:0"};
  if (options.state_dir.empty()) {
    argv.insert(argv.end(), {"--mysql", TestMariaDb::Get().UrlFor(options.database)});
  } else {
    argv.insert(argv.end(), {"--state-dir", options.state_dir});
  }
  if (!options.policy_file.empty()) {
    argv.push_back("--policy");
    argv.push_back(options.policy_file);
  }
  if (options.test_clock) argv.push_back("--test-clock");
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
  ChildLaunch launch;
  launch.argv = argv;
  launch.log_file = s->log_;
  auto started = StartChildProcess(launch);
  if (!started.ok()) return started.status();
  s->pid_ = *started;
  // A private MariaDB (state_dir) is made on first start: longer on a slow machine.
  absl::Time give_up = absl::Now() + absl::Seconds(options.state_dir.empty() ? 120 : 300);
  while (true) {
    std::string out = ReadAll(s->log_);
    if (auto at = out.find("ready on "); at != std::string::npos) {
      auto end = out.find('\n', at);
      if (end != std::string::npos) {
        s->address_ = out.substr(at + 9, end - at - 9);
        return s;
      }
    }
    int status = 0;
    if (::waitpid(s->pid_, &status, WNOHANG) == s->pid_) {
      s->pid_ = 0;
      return absl::InternalError(absl::StrCat("shiori-server exited at start:\n", out));
    }
    if (absl::Now() > give_up) return absl::DeadlineExceededError(absl::StrCat("shiori-server not ready:\n", out));
    absl::SleepFor(absl::Milliseconds(20));
  }
}

std::string TestServer::log() const { return ReadAll(log_); }

Client TestServer::NewClient(v1::Channel channel) const {
  ClientOptions o;
  o.server_address = address_;
  o.channel = channel;
  o.deadline = absl::Seconds(60);  // a slow, busy machine
  auto c = Client::Connect(o);
  if (!c.ok()) std::abort();
  return *c;
}

absl::StatusOr<Client> TestServer::PatronClient(const std::string& number, const std::string& password,
                                                v1::Channel channel) const {
  Client c = NewClient(channel);
  v1::LoginRequest req;
  req.set_patron_number(number);
  req.set_password(password);
  auto r = c.Login(req);
  if (!r.ok()) return r.status();
  return c;
}

int TestServer::Stop() {
  if (pid_ <= 0) return 0;
  ::kill(pid_, SIGTERM);
  const int exit_code = WaitChildProcess(pid_);
  pid_ = 0;
  return exit_code;
}

TestServer::~TestServer() { Stop(); }

}  // namespace shiori::testing
