// Integration test fixture: one private MariaDB per test binary, a fresh database per test (or a shared one
// with the real catalogue imported once), real `shiori-server` processes with --test-clock on free ports,
// `shiori-admin` runs, and SDK clients. Everything is started and stopped by the tests themselves.
#ifndef SHIORI_TESTS_SUPPORT_TEST_ENV_H_
#define SHIORI_TESTS_SUPPORT_TEST_ENV_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "shiori/client.h"

namespace shiori::testing {

// Paths of this build (set by tests/CMakeLists.txt).
std::string ServerBinary();
std::string AdminBinary();
std::string CliBinary();
std::string SourceDir();
std::string DataDir();
// A new empty folder under the build's test scratch space.
std::string NewTempDir(const std::string& prefix);

// The private MariaDB of this test binary, started on first use and stopped at exit.
class TestMariaDb {
 public:
  static TestMariaDb& Get();
  const std::string& socket() const { return socket_; }
  // mysql://root@localhost/DB?socket=…
  std::string UrlFor(const std::string& database) const;
  // Runs SQL as root on `database` ("" for none); returns rows as tab-separated lines.
  absl::StatusOr<std::vector<std::string>> Sql(const std::string& database, const std::string& sql) const;

 private:
  TestMariaDb();
  std::string dir_;
  std::string socket_;
  pid_t pid_ = 0;
  friend struct MariaDbStopper;
};

enum class Seed {
  kEmpty,        // migrated, no data beyond the two libraries
  kDemo,         // + demo accounts and the demo set of every material type (fast)
  kFullCatalog,  // + the real NDL, LC and Aozora files (imported once per binary, then copied)
};

// A new database with a unique name, seeded. Returns its name.
absl::StatusOr<std::string> NewDatabase(Seed seed = Seed::kDemo);

// Runs shiori-admin with --mysql for `database` followed by args; captures stdout+stderr.
// What a shell command printed (stdout; add 2>&1 for stderr too) and its exit status.
struct CommandResult {
  int exit_code = -1;
  std::string output;
};
CommandResult RunShell(const std::string& command);

absl::Status RunAdmin(const std::string& database, const std::vector<std::string>& args, std::string* output = nullptr);

struct ServerOptions {
  std::string database;                 // required, unless state_dir is given
  std::string state_dir;                // instead of the test MariaDB: the server's own (--state-dir)
  std::string policy_file;              // default: the repository's config/policy.textproto
  bool test_clock = true;
  std::vector<std::string> extra_args;  // more server flags
};

// A running shiori-server. Stopped (SIGTERM, then waited for) on destruction.
class TestServer {
 public:
  static absl::StatusOr<std::unique_ptr<TestServer>> Start(const ServerOptions& options);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  const std::string& address() const { return address_; }  // localhost:PORT
  const std::string& database() const { return options_.database; }
  const std::string& log_file() const { return log_; }
  std::string log() const;  // what the server printed so far
  // A client of this server (no session yet).
  Client NewClient(v1::Channel channel = v1::INTERNET) const;
  // A client logged in as a patron / as staff (StaffLogin when it exists); fails the test on error.
  absl::StatusOr<Client> PatronClient(const std::string& number, const std::string& password,
                                      v1::Channel channel = v1::INTERNET) const;
  // Sends SIGTERM and waits; returns the exit status.
  int Stop();

 private:
  TestServer() = default;
  ServerOptions options_;
  std::string address_;
  std::string log_;
  pid_t pid_ = 0;
};

}  // namespace shiori::testing

#endif  // SHIORI_TESTS_SUPPORT_TEST_ENV_H_
