// A private MariaDB server for one state folder: data in DIR/mysql, reachable only through the Unix socket
// DIR/mysql.sock (no TCP port). Created on first start. When a server for the folder is already running
// (started by shiori-server or shiori-admin), it is used as it is and left running.
#ifndef SHIORI_SERVER_STORE_EMBEDDED_MARIADB_H_
#define SHIORI_SERVER_STORE_EMBEDDED_MARIADB_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/store/mysql_url.h"

namespace shiori::store {

class EmbeddedMariaDb {
 public:
  // Attaches to the running server of state_dir or starts one (waiting until it accepts connections).
  static absl::StatusOr<std::unique_ptr<EmbeddedMariaDb>> AttachOrStart(const std::string& state_dir);
  // Whether `state_dir` holds a database made by an earlier start.
  static bool Exists(const std::string& state_dir);
  // Stops the server if this object started it.
  ~EmbeddedMariaDb();

  // For a server this object started: whether it has exited since (crashed, killed); then Restart starts it
  // again on the same data (InnoDB recovers what was committed) and returns once it accepts connections, or
  // fails (Exited stays true, so it can be tried again). Not thread-safe with Stop: one caller, the server's
  // database watch.
  bool Exited();
  absl::Status Restart();

  MysqlTarget target() const;
  bool owned() const { return pid_ != 0; }
  void Stop();

 private:
  EmbeddedMariaDb(std::string state_dir, std::string socket, pid_t pid)
      : state_dir_(std::move(state_dir)), socket_(std::move(socket)), pid_(pid) {}
  std::string state_dir_;
  std::string socket_;
  pid_t pid_;  // of the mariadbd this object started; 0: not started here (attached); -1: exited, not restarted
};

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_EMBEDDED_MARIADB_H_
