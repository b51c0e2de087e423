// See database_location.h.
#include "server/store/database_location.h"

#include "absl/strings/str_cat.h"
#include "server/common/error.h"
#include "server/store/migrations.h"

namespace shiori::store {

void OpenedDatabase::Close() {
  db.reset();
  if (embedded) embedded->Stop();
  embedded.reset();
}

absl::StatusOr<std::unique_ptr<OpenedDatabase>> OpenDatabase(const std::string& state_dir,
                                                             const std::string& mysql_url, int max_connections,
                                                             StateDirUse use) {
  auto out = std::make_unique<OpenedDatabase>();
  MysqlTarget target;
  if (!mysql_url.empty()) {
    auto t = ParseMysqlUrl(mysql_url);
    if (!t.ok()) return t.status();
    target = *t;
  } else {
    if (state_dir.empty()) return InvalidField("state-dir", "give --state-dir DIR or --mysql URL");
    if (use == StateDirUse::kExisting && !EmbeddedMariaDb::Exists(state_dir)) {
      return Error(absl::StatusCode::kFailedPrecondition, "NO_DATABASE", "このフォルダにはデータベースがありません")
          .Field("state-dir", absl::StrCat(state_dir, " holds no database"))
          .English(absl::StrCat("--state-dir ", state_dir,
                                ": no database there (first run the server or `shiori-admin --state-dir DIR import`)"));
    }
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
