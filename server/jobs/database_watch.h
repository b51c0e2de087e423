// The server's watch on its database: every few seconds a `SELECT 1`, and the answer passed on when it changes
// (to the health service: NOT_SERVING while the database cannot be reached), with a line in the log. The probe
// has a connection of its own with I/O timeouts, so that a database that hangs (stopped, a network cut) is
// told from one that is slow, as one that refuses connections is. For the
// private MariaDB of --state-dir, which the server started, the watch also starts it again when it has exited
// (killed, crashed): otherwise every call would fail until the server itself was restarted.
#ifndef SHIORI_SERVER_JOBS_DATABASE_WATCH_H_
#define SHIORI_SERVER_JOBS_DATABASE_WATCH_H_

#include <functional>
#include <memory>
#include <thread>

#include "absl/strings/string_view.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "server/store/database_location.h"

namespace shiori::jobs {

class DatabaseWatch {
 public:
  // `serving` is told each change of reachability (the first check counts as a change only when it fails).
  DatabaseWatch(store::OpenedDatabase& database, std::function<void(bool serving)> serving, absl::Duration interval);
  ~DatabaseWatch();  // stops and joins; before the database is closed

 private:
  void Check();
  absl::Status Probe();  // SELECT 1 on the watch's own connection
  void Reachable(bool reachable, absl::string_view why);  // logs and passes on a change

  store::OpenedDatabase& database_;
  std::unique_ptr<store::Database> probe_;  // opened (again) on demand
  std::function<void(bool)> serving_;
  bool reachable_ = true;
  absl::Notification stop_;
  std::thread thread_;
};

std::unique_ptr<DatabaseWatch> StartDatabaseWatch(store::OpenedDatabase& database,
                                                  std::function<void(bool serving)> serving,
                                                  absl::Duration interval = absl::Seconds(2));

}  // namespace shiori::jobs

#endif  // SHIORI_SERVER_JOBS_DATABASE_WATCH_H_
