// shiori-server: the gRPC server over MariaDB. With no --mysql it runs its own MariaDB for the state folder.
// Prints "shiori-server: ready on HOST:PORT" once it accepts calls; SIGINT/SIGTERM drain calls and stop.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>

#include <cstdio>

#include <CLI/CLI.hpp>
#include "absl/strings/match.h"
#include "absl/synchronization/mutex.h"
#include "absl/strings/str_cat.h"
#include "server/api/grpc_server.h"
#include "server/app/config_files.h"
#include "server/app/mail_flags.h"
#include "server/app/service_context.h"
#include "server/jobs/database_watch.h"
#include "server/jobs/hold_expiry_job.h"
#include "server/policy/policy_config.h"
#include "server/policy/seed_values.h"
#include "server/store/database_location.h"

namespace {

int Fail(const absl::Status& s) {
  std::fprintf(stderr, "shiori-server: %s\n", std::string(s.message()).c_str());
  return 1;
}

// Whether `address` (host:port, [v6]:port or unix:path) can be reached only from this machine: localhost, an
// IPv4 address in 127.0.0.0/8 or the IPv6 loopback, written as addresses (a name such as 127.example.org is
// not one), or a Unix socket.
bool IsLoopback(const std::string& address) {
  if (absl::StartsWith(address, "unix:")) return true;
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = address.substr(0, colon);
  if (host == "localhost") return true;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    in6_addr v6{};
    return ::inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), &v6) == 1 &&
           IN6_IS_ADDR_LOOPBACK(&v6);
  }
  in_addr v4{};
  return ::inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace shiori;
  // Debian's Abseil is built without NDEBUG, so every absl::Mutex (gRPC's too) records lock-order edges
  // for its deadlock detector, a debugging aid that costs a few percent of every call. Tests keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  CLI::App cli{"shiori-server: the Shiori library service (gRPC over MariaDB)"};
  std::string listen_address = "localhost:50051", state_dir, mysql_url, policy_path = app::DefaultConfigDir() + "/policy.textproto";
  std::string calendar_path = app::DefaultConfigDir() + "/calendar.textproto";
  std::string tls_cert, tls_key, tls_client_ca;
  bool test_clock = false, insecure_listen = false;
  cli.add_option("--listen", listen_address, "address to serve on (HOST:PORT; port 0 picks a free one)");
  cli.add_option("--state-dir", state_dir, "folder of the private MariaDB (used when --mysql is not given)");
  cli.add_option("--mysql", mysql_url, "database URL: mysql://user:pass@host:port/db or mysql://user@localhost/db?socket=PATH");
  cli.add_option("--policy", policy_path, "the policy file (shiori.v1.Policy text format)");
  cli.add_option("--calendar", calendar_path, "the libraries' calendars (shiori.v1.CalendarConfig text format)");
  cli.add_flag("--test-clock", test_clock, "let an admin set and advance the clock (tests and demos only)");
  cli.add_option("--tls-cert", tls_cert, "server certificate (PEM); with --tls-key serves TLS");
  cli.add_option("--tls-key", tls_key, "server private key (PEM)");
  cli.add_option("--tls-client-ca", tls_client_ca, "ask clients for a certificate and verify it against this CA (mutual TLS); clients without one are still served, as patrons are");
  cli.add_flag("--insecure-listen", insecure_listen, "allow plaintext on a non-loopback address");
  app::MailFlags mail_flags;
  app::AddMailFlags(cli, &mail_flags);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  // Signals are taken by sigwait below; block them before any thread starts so none of them gets one.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);

  auto policy = app::LoadPolicyFile(policy_path);
  if (!policy.ok()) return Fail(policy.status());
  for (const policy::SeedDeviation& d : policy::SeedDeviations(*policy)) {
    std::printf("shiori-server: note: %s\n", policy::Describe(d).c_str());
  }

  api::ListenOptions listen;
  listen.address = listen_address;
  listen.tls_cert_file = tls_cert;
  listen.tls_key_file = tls_key;
  listen.tls_client_ca_file = tls_client_ca;
  if (listen.tls_cert_file.empty() && !IsLoopback(listen.address) && !insecure_listen) {
    return Fail(absl::InvalidArgumentError(
        absl::StrCat("refusing plaintext on ", listen.address,
                     ": give --tls-cert/--tls-key, listen on localhost, or pass --insecure-listen")));
  }

  // Mail flags are checked before anything starts: a mistyped one must not leave a database started behind.
  if (mail_flags.enabled()) {
    if (auto mail = app::MailDeliveryConfigFrom(mail_flags); !mail.ok()) return Fail(mail.status());
  }

  auto opened = store::OpenDatabase(state_dir, mysql_url);
  if (!opened.ok()) return Fail(opened.status());
  store::Database* db = (*opened)->db.get();
  const int version = (*opened)->schema_version;

  auto hasher = auth::PasswordHasher::Create(policy->password());
  if (!hasher.ok()) return Fail(hasher.status());
  std::unique_ptr<Clock> clock;
  TestClock* settable_clock = nullptr;
  if (test_clock) {
    auto c = std::make_unique<TestClock>();
    settable_clock = c.get();
    clock = std::move(c);
  } else {
    clock = std::make_unique<SystemClock>();
  }
  // The config's calendar rules plus staff's closures and the imported holidays, shared through the database.
  auto calendars = app::DatabaseCalendarBook::Load(calendar_path);
  if (!calendars.ok()) return Fail(calendars.status());
  auto unknown_libraries = (*calendars)->CheckCoversLibraries(*db);
  if (!unknown_libraries.ok()) return Fail(unknown_libraries.status());
  for (const std::string& id : *unknown_libraries) {
    std::printf("shiori-server: note: the calendar file has a calendar for '%s', which is no library here\n",
                id.c_str());
  }
  app::ServiceContext ctx{db, clock.get(), *policy, *hasher, calendars->get()};
  ctx.test_clock = settable_clock;

  // Mail (M1): a worker sends the outbox when --smtp-url is given; otherwise mail waits there.
  auto mail_worker = app::StartMailWorker(mail_flags, db, clock.get());
  if (!mail_worker.ok()) return Fail(mail_worker.status());
  // R12: expire uncollected holds each morning (Tokyo), also when several servers share the database.
  auto hold_expiry = jobs::StartHoldExpiryTicker(ctx);
  auto server = api::GrpcServer::Start(ctx, listen);
  if (!server.ok()) return Fail(server.status());
  std::string shown = listen.address;
  if (auto colon = shown.rfind(':'); colon != std::string::npos) {
    shown = absl::StrCat(shown.substr(0, colon), ":", (*server)->port());
  }
  // Health follows the database; the private MariaDB of --state-dir is started again if it exits.
  auto database_watch = jobs::StartDatabaseWatch(**opened, [&](bool serving) { (*server)->SetServing(serving); });
  std::printf("shiori-server: schema version %d, policy %s\n", version, policy_path.c_str());
  std::printf("shiori-server: ready on %s\n", shown.c_str());

  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::printf("shiori-server: stopping (signal %d), finishing calls in progress\n", sig);
  database_watch.reset();
  (*server)->Shutdown(absl::Seconds(10));
  server->reset();
  hold_expiry.reset();
  mail_worker->reset();  // after the calls, which may write mail; waits for a send in progress
  (*opened)->Close();
  std::printf("shiori-server: stopped\n");
  return 0;
}
