// shiori-bench: builds a realistic data set in a private MariaDB, starts a shiori-server on it, and measures each
// operation with N concurrent closed-loop clients, next to ceilings measured in the same run (an empty gRPC
// call; PlaceReservation's and Checkin's SQL straight to MariaDB) and, for reference, the cheapest durable
// transaction. Prints a table (and JSON with --json) and the settings
// used. Everything it starts is stopped at the end; the state folder is removed unless --keep-state.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <algorithm>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <grpcpp/grpcpp.h>

#include "absl/synchronization/mutex.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "server/app/config_files.h"
#include "server/auth/password_hasher.h"
#include "server/auth/secret_token.h"
#include "server/store/catalog_store.h"
#include "server/store/database.h"
#include "server/store/embedded_mariadb.h"
#include "server/store/migrations.h"
#include "tools/benchmark/closed_loop.h"
#include "tools/benchmark/dataset.h"
#include "tools/benchmark/dataset_loader.h"
#include "tools/benchmark/db_ceiling.h"
#include "tools/benchmark/db_status.h"
#include "tools/benchmark/direct_sql.h"
#include "tools/benchmark/proc_stats.h"
#include "tools/benchmark/report.h"
#include "tools/benchmark/server_process.h"
#include "tools/benchmark/sql_count.h"
#include "tools/benchmark/word_pool.h"
#include "tools/benchmark/workloads.h"

namespace {

namespace fs = std::filesystem;
using namespace shiori;
using namespace shiori::bench;

constexpr char kDatabase[] = "shiori_bench";

struct Flags {
  int print_queries = 0;
  bool quick = false;
  bool json = false;
  int clients = 16;
  double seconds = 0;  // per operation; 0: 10, or 1 with --quick
  double scale = 0;
  int64_t titles = 0, copies = 0, patrons = 0;
  std::string state_dir;
  bool keep_state = false;
  std::string server_binary = SHIORI_SERVER_BIN;
  std::string server_prefix;
  std::string data_dir = SHIORI_DATA_DIR;
  int buffer_pool_mib = 4096;
  std::string only;
  std::vector<double> paced_fractions = {0.25, 0.5, 0.75};
};

// Progress and settings go to stderr when stdout carries the JSON.
FILE* Text(const Flags& f) { return f.json ? stderr : stdout; }

int Fail(const std::string& what, const absl::Status& s) {
  std::fprintf(stderr, "shiori-bench: %s: %s\n", what.c_str(), s.ToString().c_str());
  return 1;
}

pid_t ReadPid(const std::string& file) {
  std::ifstream in(file);
  pid_t pid = 0;
  in >> pid;
  return pid;
}

// Residents (they may reserve, R6) among the patrons, leaving the last tenth to Login.
std::vector<int64_t> ReservingPatrons(int64_t patrons) {
  std::vector<int64_t> out;
  for (int64_t id = 1; id <= patrons * 9 / 10; ++id) {
    if (PatronCategoryOf(id) == v1::RESIDENT) out.push_back(id);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Flags f;
  // Debian's Abseil is built without NDEBUG, so every absl::Mutex (gRPC's too) records lock-order edges
  // for its deadlock detector, a debugging aid that costs a few percent of every call. Tests keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  CLI::App cli{"shiori-bench: closed-loop benchmark of shiori-server over a generated data set"};
  cli.add_flag("--quick", f.quick, "a tiny data set (2,000 titles) and about a second per operation");
  cli.add_flag("--json", f.json, "print the rows as JSON on stdout (the table then goes to stderr)");
  cli.add_option("--clients", f.clients, "concurrent closed-loop clients")->check(CLI::Range(1, 256));
  cli.add_option("--seconds", f.seconds, "measured seconds per operation (default 10; 1 with --quick)");
  cli.add_option("--scale", f.scale, "fraction of the default data set (1,000,000 titles, 2,000,000 copies, 100,000 patrons)");
  cli.add_option("--titles", f.titles, "titles in the data set");
  cli.add_option("--copies", f.copies, "copies in the data set");
  cli.add_option("--patrons", f.patrons, "patrons in the data set");
  cli.add_option("--state-dir", f.state_dir, "folder for the private MariaDB (default: a new temporary folder)");
  cli.add_flag("--keep-state", f.keep_state, "keep the state folder (and its database) afterwards");
  cli.add_option("--server", f.server_binary, "the shiori-server binary");
  cli.add_option("--server-prefix", f.server_prefix, "run the server under this command, e.g. 'valgrind --tool=callgrind'");
  cli.add_option("--data-dir", f.data_dir, "folder with the real catalogue files the words come from");
  cli.add_option("--buffer-pool-mib", f.buffer_pool_mib, "innodb_buffer_pool_size for the run, MiB");
  cli.add_option("--only", f.only, "comma-separated operations to run (default: all)");
  cli.add_option("--paced-fraction", f.paced_fractions,
                 "the paced Checkout and Checkin rows' rates, as fractions of the lower database ceiling, "
                 "comma-separated (default 0.25,0.5,0.75; 0: none)")
      ->delimiter(',')
      ->check(CLI::Range(0.0, 1.0));
  cli.add_option("--print-queries", f.print_queries,
                 "print this many of the SearchCatalog row's queries (one a line) and stop, to study them");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  FILE* text = Text(f);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  auto say = [&](const std::string& line) { std::fprintf(text, "# %s\n", line.c_str()); std::fflush(text); };

  DatasetSize size;
  if (f.quick) size = {2'000, 4'000, 1'000};
  if (f.scale > 0) {
    size.titles = std::max<int64_t>(100, static_cast<int64_t>(size.titles * f.scale));
    size.copies = std::max<int64_t>(100, static_cast<int64_t>(size.copies * f.scale));
    size.patrons = std::max<int64_t>(100, static_cast<int64_t>(size.patrons * f.scale));
  }
  if (f.titles > 0) size.titles = f.titles;
  if (f.copies > 0) size.copies = f.copies;
  if (f.patrons > 0) size.patrons = f.patrons;
  if (f.seconds <= 0) f.seconds = f.quick ? 1 : 10;
  LoopLimits limits;
  limits.measure = absl::Seconds(f.seconds);
  limits.warmup = f.quick ? absl::Milliseconds(200) : absl::Seconds(1);
  std::set<std::string> only;
  for (absl::string_view o : absl::StrSplit(f.only, ',', absl::SkipEmpty())) only.insert(std::string(o));
  auto wanted = [&](const std::string& op) { return only.empty() || only.count(op) > 0; };

  auto pool = LoadWordPool(f.data_dir);
  if (!pool.ok()) return Fail("reading the catalogue files", pool.status());
  say(absl::StrCat("words from the real catalogue: ", pool->title_words.size(), " title words, ",
                   pool->family_names.size(), " names, ", pool->publishers.size(), " publishers"));
  for (int n = 0; n < f.print_queries; ++n) {
    std::printf("%s\n", MakeQuery(*pool, size.titles, SearchDraw(n % f.clients, n / f.clients)).c_str());
  }
  if (f.print_queries > 0) return 0;

  bool temp_state = f.state_dir.empty();
  if (temp_state) {
    std::string templ = (fs::temp_directory_path() / "shiori-bench-XXXXXX").string();
    if (!::mkdtemp(templ.data())) return Fail("creating a state folder", absl::InternalError(templ));
    f.state_dir = templ;
  }
  int rc = 0;
  {
    auto mariadb = store::EmbeddedMariaDb::AttachOrStart(f.state_dir);
    if (!mariadb.ok()) return Fail("starting MariaDB", mariadb.status());
    store::MysqlTarget target = (*mariadb)->target();
    target.database = "";
    auto admin = DirectSql::Connect(target);
    if (!admin.ok()) return Fail("connecting to MariaDB", admin.status());
    absl::Status s = (*admin)->Run(absl::StrCat("DROP DATABASE IF EXISTS ", kDatabase));
    if (s.ok() && f.buffer_pool_mib > 0) {
      s = (*admin)->Run(absl::StrCat("SET GLOBAL innodb_buffer_pool_size = ", int64_t{f.buffer_pool_mib} << 20));
    }
    if (!s.ok()) return Fail("preparing MariaDB", s);
    target.database = kDatabase;

    auto policy = app::LoadPolicyFile(app::DefaultConfigDir() + "/policy.textproto");
    if (!policy.ok()) return Fail("reading the policy", policy.status());
    auto hasher = auth::PasswordHasher::Create(policy->password());
    if (!hasher.ok()) return Fail("password hasher", hasher.status());
    auto hash = hasher->Hash(kBenchPassword);  // once, for every patron
    if (!hash.ok()) return Fail("hashing the bench password", hash.status());

    auto db = store::Database::Open(target, f.clients + 4);
    if (!db.ok()) return Fail("opening the database", db.status());
    auto version = store::ApplyMigrations(**db);
    if (!version.ok()) return Fail("migrating", version.status());

    auto loader = DirectSql::Connect(target);
    if (!loader.ok()) return Fail("connecting to MariaDB", loader.status());
    say(absl::StrCat("loading ", size.titles, " titles, ", size.copies, " copies, ", size.patrons, " patrons"));
    const absl::Time load_start = absl::Now();
    fs::path scratch = fs::path(f.state_dir) / "load";
    fs::create_directories(scratch);
    auto times = LoadDataset(**loader, *pool, size, fs::canonical(scratch).string(), *hash, say);
    if (!times.ok()) return Fail("loading the data set", times.status());
    const double load_s = absl::ToDoubleSeconds(absl::Now() - load_start);
    say(absl::StrFormat(
        "loaded in %.1f s (titles %.1f s, word index %.1f s, copies %.1f s, patrons %.1f s, analyze %.1f s)", load_s,
        times->titles_s, times->word_index_s, times->copies_s, times->patrons_s, times->analyze_s));
    // The load leaves gigabytes of dirty pages: written out first, or the first rows measure the flushing.
    auto settled = Settle(**admin, absl::Minutes(5));
    if (!settled.ok()) return Fail("waiting for MariaDB to write out the load", settled.status());
    say(absl::StrFormat("settled in %.1f s: dirty pages %d -> %d, history list %d -> %d", settled->seconds,
                        settled->before.dirty_pages, settled->after.dirty_pages, settled->before.history,
                        settled->after.history));

    const std::string url = absl::StrCat("mysql://root@localhost/", kDatabase, "?socket=", target.socket);
    ServerLaunch launch{f.server_binary, {}, url, f.state_dir + "/server.log"};
    for (absl::string_view w : absl::StrSplit(f.server_prefix, ' ', absl::SkipEmpty())) {
      launch.prefix.emplace_back(w);
    }
    auto server = ServerProcess::Start(launch);
    if (!server.ok()) return Fail("starting shiori-server", server.status());
    const pid_t db_pid = ReadPid(f.state_dir + "/mysql.pid");
    ResourceWatch watch(std::vector<pid_t>{(*server)->pid(), db_pid});
    auto status_sql = DirectSql::Connect(target);
    if (!status_sql.ok()) return Fail("connecting to MariaDB", status_sql.status());
    Watched watched{(*server)->pid(), db_pid, &watch, status_sql->get()};

    // Sessions: per client a third each for placing/cancelling, the desk day and the database ceiling.
    std::vector<int64_t> reserving = ReservingPatrons(size.patrons);
    const size_t per_client = std::min<size_t>(600, reserving.size() / f.clients);
    auto sessions = OpenSessions(**loader, std::vector<int64_t>(reserving.begin(),
                                                               reserving.begin() + per_client * f.clients));
    if (!sessions.ok()) return Fail("opening sessions", sessions.status());
    std::vector<ClientState> clients(f.clients);
    for (int c = 0; c < f.clients; ++c) {
      ClientState& cs = clients[c];
      cs.channel = OwnChannel((*server)->address());
      ClientOptions options;
      options.server_address = (*server)->address();
      options.deadline = absl::Seconds(60);
      options.retry.max_attempts = 1;  // a failure is counted, not hidden by a retry
      cs.client = std::make_unique<Client>(options, cs.channel);
      for (size_t k = 0; k < per_client; ++k) {
        const BenchSession& s = (*sessions)[c * per_client + k];
        (k % 3 == 0 ? cs.place_sessions : k % 3 == 1 ? cs.mix_sessions : cs.ceiling_sessions).push_back(s);
      }
    }
    // Borrowers: residents among the last tenth of the patrons; one desk session for every client.
    std::vector<int64_t> borrowers;
    for (int64_t id = size.patrons * 9 / 10 + 1; id <= size.patrons; ++id) {
      if (PatronCategoryOf(id) == v1::RESIDENT) borrowers.push_back(id);
    }
    auto loan_sessions = OpenSessions(**loader, borrowers);
    if (!loan_sessions.ok()) return Fail("opening sessions", loan_sessions.status());
    for (size_t k = 0; k < loan_sessions->size(); ++k) clients[k % f.clients].loan_sessions.push_back((*loan_sessions)[k]);
    auto staff = AddBenchStaff(**loader, *hash);
    if (!staff.ok()) return Fail("adding the bench staff", staff.status());
    auto staff_sessions = OpenSessions(**loader, std::vector<int64_t>(f.clients, *staff), /*subject_kind=*/2);
    if (!staff_sessions.ok()) return Fail("opening staff sessions", staff_sessions.status());
    for (int c = 0; c < f.clients; ++c) clients[c].staff_token = (*staff_sessions)[c].token;
    Workloads work(*pool, size, clients);

    // The statements of one PlaceReservation, counted in MariaDB's general log, against one ceiling call.
    auto counted = CountPlaceStatements(**admin, target, work, clients[0]);
    if (counted.ok()) {
      say(absl::StrCat("SQL statements of one PlaceReservation: ", counted->rpc, " by the server, ",
                       counted->ceiling, " by the database ceiling",
                       counted->rpc == counted->ceiling ? "" : "  <-- NOT THE SAME: update db_ceiling.cc"));
    } else {
      say(absl::StrCat("could not count the statements of PlaceReservation: ", counted.status().ToString()));
    }
    auto desk = CountDeskStatements(**admin, target, work, 0, clients[0]);
    if (desk.ok()) {
      say(absl::StrCat("SQL statements of one Checkout: ", desk->checkout_rpc, "; of one Checkin: ", desk->checkin_rpc,
                       " by the server, ", desk->checkin_ceiling, " by the database ceiling",
                       desk->checkin_rpc == desk->checkin_ceiling ? "" : "  <-- NOT THE SAME: update db_ceiling.cc"));
    } else {
      say(absl::StrCat("could not count the statements of Checkout and Checkin: ", desk.status().ToString()));
    }

    std::vector<PhaseResult> rows;
    auto run_with = [&](const std::string& op, const std::string& variant, const std::string& kind, int n_clients,
                        const LoopLimits& l, const Operation& fn) {
      if (!wanted(op)) return;
      // What the rows before left to write and purge is done first, not during this row.
      auto settled = Settle(**admin, absl::Minutes(1));
      if (!settled.ok()) {
        say(absl::StrCat("could not wait for MariaDB's backlog: ", settled.status().ToString()));
      } else if (settled->seconds >= 1) {
        say(absl::StrFormat("settled in %.1f s: dirty pages %d -> %d, history list %d -> %d", settled->seconds,
                            settled->before.dirty_pages, settled->after.dirty_pages, settled->before.history,
                            settled->after.history));
      }
      say(absl::StrCat("running ", op, variant.empty() ? "" : " (" + variant + ")"));
      PhaseResult r = RunClosedLoop(op, n_clients, l, watched, fn);
      r.variant = variant;
      r.kind = kind;
      rows.push_back(std::move(r));
    };
    auto run = [&](const std::string& op, const std::string& variant, const std::string& kind, const LoopLimits& l,
                   const Operation& fn) { run_with(op, variant, kind, f.clients, l, fn); };
    using std::placeholders::_1;
    using std::placeholders::_2;
    run("grpc.health.v1.Health/Check", "gRPC ceiling", "ceiling", limits, std::bind(&Workloads::Health, &work, _1, _2));
    std::unique_ptr<store::Database>& ceiling_db = *db;
    if (wanted("durable commit")) {
      absl::Status prepared = PrepareCommitFloor(*ceiling_db, f.clients);
      if (!prepared.ok()) return Fail("creating the commit floor's table", prepared);
    }
    run("durable commit", "one UPDATE, for reference", "reference", limits,
        [&](int c, int64_t) { return CommitFloorSql(*ceiling_db, c); });
    run("PlaceReservation SQL", "database ceiling", "ceiling", limits, [&](int c, int64_t n) -> absl::Status {
      ClientState& cs = clients[c];
      if (cs.ceiling_sessions.empty()) return absl::OutOfRangeError("no patrons");
      const BenchSession& s = cs.ceiling_sessions[n % cs.ceiling_sessions.size()];
      return PlaceReservationSql(*ceiling_db, auth::TokenHash(s.token), s.patron_id,
                                 work.ReservableRecord(c, n + (1LL << 33)),
                                 absl::StrCat("ceiling-", c, "-", n));
    });
    if (wanted("PlaceReservation SQL")) {
      absl::Status cleared = ClearCeilingReservations(*ceiling_db);
      if (!cleared.ok()) say(absl::StrCat("could not end the ceiling's reservations: ", cleared.ToString()));
    }
    run("SearchCatalog", "", "rpc", limits, std::bind(&Workloads::SearchCatalog, &work, _1, _2));
    run("GetRecord", "", "rpc", limits, std::bind(&Workloads::GetRecord, &work, _1, _2));
    run("Login", "", "rpc", limits, std::bind(&Workloads::Login, &work, _1, _2));
    // The password hash is CPU work by design (P9): as many logins at once as there are cores show its own
    // latency, without the queue that more clients than cores must form.
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    if (cores < f.clients) {
      run_with("Login", absl::StrCat(cores, " clients, one per core"), "rpc", cores, limits,
               std::bind(&Workloads::Login, &work, _1, _2));
    }
    run("PlaceReservation", "", "rpc", limits, std::bind(&Workloads::PlaceReservation, &work, _1, _2));
    LoopLimits cancel_limits = limits;
    cancel_limits.warmup = absl::ZeroDuration();  // it works through what PlaceReservation left
    run("CancelReservation", "", "rpc", cancel_limits, std::bind(&Workloads::CancelReservation, &work, _1, _2));
    run("Checkout", "", "rpc", limits, std::bind(&Workloads::Checkout, &work, _1, _2));
    if (wanted("RenewLoan")) {
      // B2 refuses a renewal that would not move the due date later, as on the day of the loan: the loans are
      // made as if lent 18 days ago (due in 3), so that each renewal extends its loan (not measured).
      absl::Status aged = (*loader)->Run(
          "UPDATE loan SET due_date = due_date - INTERVAL 18 DAY WHERE returned_at IS NULL AND renewals = 0");
      if (!aged.ok()) return Fail("dating the loans back for RenewLoan", aged);
    }
    run("RenewLoan", "", "rpc", cancel_limits, std::bind(&Workloads::RenewLoan, &work, _1, _2));
    if (wanted("Checkin") || wanted("Checkin SQL")) {
      LoopLimits prep;
      prep.warmup = absl::ZeroDuration();
      prep.measure = absl::Minutes(30);
      say("lending more copies, so that each Checkin row has as many as Checkout lent (not measured)");
      RunClosedLoop("prepare", f.clients, prep, Watched{}, std::bind(&Workloads::LendMore, &work, _1, _2));
      say("placing reservations on the titles of a third of the loans (not measured)");
      const PhaseResult placed = RunClosedLoop("prepare", f.clients, prep, Watched{},
                                               std::bind(&Workloads::PrepareWaitingReturns, &work, _1, _2));
      say(absl::StrCat("placed ", placed.ok, " reservations", placed.errors > 0 ? absl::StrCat("; ", placed.errors,
                       " refused, the first: ", placed.first_error) : ""));
    }
    run("Checkin SQL", "database ceiling", "ceiling", cancel_limits, [&](int c, int64_t n) -> absl::Status {
      ClientState& cs = clients[c];
      if (cs.return_ceiling.empty()) return absl::OutOfRangeError("nothing on loan");
      HeldLoan loan = std::move(cs.return_ceiling.back());
      cs.return_ceiling.pop_back();
      return CheckinSql(*ceiling_db, auth::TokenHash(cs.staff_token), loan.barcode, loan.library,
                        absl::StrCat("ceiling-return-", c, "-", n));
    });
    run("Checkin", "no reservation waiting", "rpc", cancel_limits,
        std::bind(&Workloads::CheckinPlain, &work, _1, _2));
    run("Checkin", "a reservation waiting", "rpc", cancel_limits,
        std::bind(&Workloads::CheckinWaiting, &work, _1, _2));
    // The desk below saturation: the same clients at a fixed share of the lower database ceiling of this run,
    // each call timed from when it was due (a closed loop measures only the queue that its clients form).
    double db_ceiling = 0;
    for (const PhaseResult& r : rows) {
      if (r.kind == "ceiling" && absl::EndsWith(r.operation, " SQL") && r.ops_per_s() > 0) {
        db_ceiling = db_ceiling > 0 ? std::min(db_ceiling, r.ops_per_s()) : r.ops_per_s();
      }
    }
    std::vector<double> fractions;
    for (double x : f.paced_fractions) {
      if (x > 0) fractions.push_back(x);
    }
    if (!fractions.empty() && db_ceiling > 0) {
      // From the lightest load up, so that what a row leaves behind in MariaDB (purge, flushing) weighs on
      // the heavier rows, as it would on a busier desk.
      std::sort(fractions.begin(), fractions.end());
      for (double fraction : fractions) {
        LoopLimits paced = limits;
        paced.paced_calls_per_s = fraction * db_ceiling;
        const std::string variant = absl::StrFormat("paced at %.0f/s", paced.paced_calls_per_s);
        run("Checkout", variant, "rpc", paced, std::bind(&Workloads::Checkout, &work, _1, _2));
        paced.warmup = absl::ZeroDuration();  // it returns what the paced Checkout lent
        run("Checkin", variant, "rpc", paced, std::bind(&Workloads::CheckinLent, &work, _1, _2));
      }
    } else if (!fractions.empty() && (wanted("Checkout") || wanted("Checkin"))) {
      say("no paced Checkout and Checkin rows: no database ceiling was measured in this run");
    }
    run("DeskDay", "mix", "mix", limits, std::bind(&Workloads::DeskDay, &work, _1, _2));

    auto settings = (*admin)->Column(
        "SELECT CONCAT(VARIABLE_NAME, '=', VARIABLE_VALUE) FROM information_schema.GLOBAL_VARIABLES WHERE"
        " VARIABLE_NAME IN ('VERSION', 'INNODB_FLUSH_LOG_AT_TRX_COMMIT', 'SYNC_BINLOG', 'LOG_BIN',"
        " 'INNODB_BUFFER_POOL_SIZE', 'INNODB_DOUBLEWRITE', 'INNODB_FLUSH_METHOD', 'INNODB_LOG_FILE_SIZE',"
        " 'TRANSACTION_ISOLATION', 'MAX_CONNECTIONS') ORDER BY VARIABLE_NAME");
    std::fprintf(text, "\n");
    say(absl::StrCat("data set: ", size.titles, " titles, ", size.copies, " copies, ", size.patrons,
                     " patrons; loaded in ", absl::StrFormat("%.1f", load_s), " s"));
    say(absl::StrCat("clients: ", f.clients, " closed-loop, one channel each; ", f.seconds, " s measured per row after ",
                     absl::ToDoubleSeconds(limits.warmup), " s warm-up; machine: ",
                     std::thread::hardware_concurrency(), " CPUs (shared by bench, server and MariaDB)"));
    if (settings.ok()) say(absl::StrCat("MariaDB: ", absl::StrJoin(*settings, " ")));
    say(absl::StrCat("server: ", f.server_prefix.empty() ? "" : f.server_prefix + " ", f.server_binary,
                     " --mysql ", url));
    std::fprintf(text, "%s", FormatTable(rows).c_str());
    std::fflush(text);
    if (f.json) std::fputs(FormatJson(rows).c_str(), stdout);

    clients.clear();
    (*server)->Stop();
    server->reset();
    loader->reset();
    db->reset();
    admin->reset();
    (*mariadb)->Stop();
  }
  if (temp_state && !f.keep_state) {
    std::error_code ec;
    fs::remove_all(f.state_dir, ec);
  } else {
    std::fprintf(text, "# state kept in %s\n", f.state_dir.c_str());
  }
  return rc;
}
