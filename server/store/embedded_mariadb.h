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

  MysqlTarget target() const;
  bool owned() const { return pid_ > 0; }
  void Stop();

 private:
  EmbeddedMariaDb(std::string state_dir, std::string socket, pid_t pid)
      : state_dir_(std::move(state_dir)), socket_(std::move(socket)), pid_(pid) {}
  std::string state_dir_;
  std::string socket_;
  pid_t pid_;
};

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_EMBEDDED_MARIADB_H_
