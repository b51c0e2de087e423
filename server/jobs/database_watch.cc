// See database_watch.h.
#include "server/jobs/database_watch.h"

#include <cstdio>
#include <string>
#include <utility>

namespace shiori::jobs {

DatabaseWatch::DatabaseWatch(store::OpenedDatabase& database, std::function<void(bool)> serving,
                             absl::Duration interval)
    : database_(database), serving_(std::move(serving)), thread_([this, interval] {
        while (!stop_.WaitForNotificationWithTimeout(interval)) Check();
      }) {}

DatabaseWatch::~DatabaseWatch() {
  stop_.Notify();
  thread_.join();
}

void DatabaseWatch::Check() {
  if (database_.embedded && database_.embedded->Exited()) {
    Reachable(false, "the private MariaDB exited");
    absl::Status restarted = database_.embedded->Restart();
    if (!restarted.ok()) {
      std::fprintf(stderr, "shiori-server: the private MariaDB did not start again: %s\n",
                   std::string(restarted.message()).c_str());
      return;  // tried again at the next check
    }
    std::printf("shiori-server: the private MariaDB had exited; started again\n");
  }
  absl::Status probe = Probe();
  Reachable(probe.ok(), probe.message());
}

absl::Status DatabaseWatch::Probe() {
  if (!probe_) {
    store::MysqlTarget target = database_.db->target();
    target.io_timeout_s = 2;
    auto opened = store::Database::Open(target, 1);
    if (!opened.ok()) return opened.status();
    probe_ = std::move(*opened);
  }
  return probe_->WithConnection([](store::Tx& tx) { return tx.Query("SELECT 1").status(); });
}

void DatabaseWatch::Reachable(bool reachable, absl::string_view why) {
  if (reachable == reachable_) return;
  reachable_ = reachable;
  if (reachable_) {
    std::printf("shiori-server: database reachable again; serving\n");
  } else {
    std::fprintf(stderr, "shiori-server: database unreachable, not serving: %s\n", std::string(why).c_str());
  }
  serving_(reachable_);
}

std::unique_ptr<DatabaseWatch> StartDatabaseWatch(store::OpenedDatabase& database, std::function<void(bool)> serving,
                                                  absl::Duration interval) {
  return std::make_unique<DatabaseWatch>(database, std::move(serving), interval);
}

}  // namespace shiori::jobs
