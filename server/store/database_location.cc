// See database_location.h.
#include "server/store/database_location.h"

#include "server/common/error.h"
#include "server/store/migrations.h"

namespace shiori::store {

void OpenedDatabase::Close() {
  db.reset();
  if (embedded) embedded->Stop();
  embedded.reset();
}

absl::StatusOr<std::unique_ptr<OpenedDatabase>> OpenDatabase(const std::string& state_dir,
                                                             const std::string& mysql_url, int max_connections) {
  auto out = std::make_unique<OpenedDatabase>();
  MysqlTarget target;
  if (!mysql_url.empty()) {
    auto t = ParseMysqlUrl(mysql_url);
    if (!t.ok()) return t.status();
    target = *t;
  } else {
    if (state_dir.empty()) return InvalidField("state-dir", "give --state-dir DIR or --mysql URL");
    auto embedded = EmbeddedMariaDb::AttachOrStart(state_dir);
    if (!embedded.ok()) return embedded.status();
    out->embedded = std::move(*embedded);
    target = out->embedded->target();
  }
  auto db = Database::Open(target, max_connections);
  if (!db.ok()) return db.status();
  out->db = std::move(*db);
  auto version = ApplyMigrations(*out->db);
  if (!version.ok()) return version.status();
  out->schema_version = *version;
  return out;
}

}  // namespace shiori::store
