// See login_guard_store.h.
#include "server/store/login_guard_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace shiori::store {

absl::StatusOr<LoginGuardRow> LockLoginGuard(Tx& tx, const std::string& key) {
  // Lock first and insert only when the row is missing: INSERT IGNORE on an existing row takes a shared lock,
  // and two attempts upgrading it to exclusive would deadlock each other.
  constexpr char kLock[] = "SELECT failures, locked_until FROM login_guard WHERE account_key = ? FOR UPDATE";
  auto rows = tx.Query(kLock, {key});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    auto ins = tx.Execute("INSERT IGNORE INTO login_guard (account_key, failures) VALUES (?, '')", {key});
    if (!ins.ok()) return ins.status();
    rows = tx.Query(kLock, {key});
    if (!rows.ok()) return rows.status();
  }
  LoginGuardRow g;
  if (rows->empty()) return g;
  for (absl::string_view part : absl::StrSplit(rows->front().Str(0), ',', absl::SkipEmpty())) {
    int64_t micros = 0;
    if (absl::SimpleAtoi(part, &micros)) g.failures.push_back(absl::FromUnixMicros(micros));
  }
  if (!rows->front().IsNull(1)) g.locked_until = rows->front().Time(1);
  return g;
}

absl::Status SaveLoginGuard(Tx& tx, const std::string& key, const LoginGuardRow& g) {
  std::vector<int64_t> micros;
  for (absl::Time t : g.failures) micros.push_back(absl::ToUnixMicros(t));
  SqlValue until = g.locked_until ? SqlValue(*g.locked_until) : SqlValue(Null{});
  return tx
      .Execute("UPDATE login_guard SET failures = ?, locked_until = ? WHERE account_key = ?",
               {absl::StrJoin(micros, ","), until, key})
      .status();
}

}  // namespace shiori::store
