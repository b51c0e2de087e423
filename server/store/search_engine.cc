// See search_engine.h.
#include "server/store/search_engine.h"

#include "absl/strings/str_cat.h"
#include "server/common/error.h"

namespace shiori::store {
namespace {

absl::StatusOr<bool> MroongaLoaded(Tx& tx) {
  auto rows = tx.Query(
      "SELECT COUNT(*) FROM information_schema.ENGINES WHERE ENGINE = 'Mroonga' AND SUPPORT IN ('YES', 'DEFAULT')");
  if (!rows.ok()) return rows.status();
  return !rows->empty() && rows->front().Int(0) > 0;
}

}  // namespace

absl::Status EnsureSearchEngine(Tx& tx) {
  auto loaded = MroongaLoaded(tx);
  if (!loaded.ok()) return loaded.status();
  if (*loaded) return absl::OkStatus();
  auto installed = tx.Execute("INSTALL SONAME 'ha_mroonga'");
  if (installed.ok()) {
    loaded = MroongaLoaded(tx);
    if (!loaded.ok()) return loaded.status();
    if (*loaded) return absl::OkStatus();
  }
  return Error(absl::StatusCode::kFailedPrecondition, "SEARCH_ENGINE_MISSING",
               "検索エンジン Mroonga がデータベースサーバーにありません")
      .English(absl::StrCat("catalogue search needs the Mroonga storage engine on the database server (Debian: "
                            "apt-get install mariadb-plugin-mroonga; then INSTALL SONAME 'ha_mroonga' as an "
                            "administrator)",
                            installed.ok() ? "" : absl::StrCat(": ", installed.status().message())));
}

}  // namespace shiori::store
