// Opening the database the way every Shiori program does: `--mysql URL`, or the private MariaDB of
// `--state-dir DIR` (attached when it runs, started for the program's lifetime when it does not), and the
// schema migrated to this build's version.
#ifndef SHIORI_SERVER_STORE_DATABASE_LOCATION_H_
#define SHIORI_SERVER_STORE_DATABASE_LOCATION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/store/database.h"
#include "server/store/embedded_mariadb.h"

namespace shiori::store {

struct OpenedDatabase {
  std::unique_ptr<EmbeddedMariaDb> embedded;  // null with --mysql
  std::unique_ptr<Database> db;
  int schema_version = 0;
  // Closes the pool, then stops the private MariaDB if this program started it.
  void Close();
  ~OpenedDatabase() { Close(); }
};

// How a private MariaDB that `--state-dir` names but that was never created is treated: made (a server's
// first start, an import), or refused with FAILED_PRECONDITION NO_DATABASE (commands that only read or change
// what is there: a mistyped folder must not look like an empty library).
enum class StateDirUse { kCreate, kExisting };

absl::StatusOr<std::unique_ptr<OpenedDatabase>> OpenDatabase(const std::string& state_dir,
                                                             const std::string& mysql_url, int max_connections = 64,
                                                             StateDirUse use = StateDirUse::kCreate);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_DATABASE_LOCATION_H_
