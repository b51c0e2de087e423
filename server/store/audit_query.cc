// See audit_query.h.
#include "server/store/audit_query.h"

namespace shiori::store {

absl::StatusOr<std::vector<AuditRow>> ListAuditRecords(Tx& tx, const AuditFilter& f) {
  auto rows = tx.Query(
      "SELECT id, at, actor, action, target, detail, peer FROM audit_log"
      " WHERE (? = 0 OR id < ?)"
      // Exact: the collation ignores trailing spaces ('a ' = 'a', '  ' = ''), the lengths do not.
      " AND (LENGTH(?) = 0 OR (actor = ? AND LENGTH(actor) = LENGTH(?)))"
      " AND (LENGTH(?) = 0 OR (action = ? AND LENGTH(action) = LENGTH(?)))"
      " AND (LENGTH(?) = 0 OR (target = ? AND LENGTH(target) = LENGTH(?)))"
      " ORDER BY id DESC LIMIT ?",
      {f.before_id, f.before_id, f.actor, f.actor, f.actor, f.action, f.action, f.action, f.target, f.target,
       f.target, int64_t{f.limit}});
  if (!rows.ok()) return rows.status();
  std::vector<AuditRow> out;
  for (const Row& r : *rows) {
    out.push_back(AuditRow{r.Int(0), AuditRecord{r.Time(1), r.Str(2), r.Str(3), r.Str(4), r.Str(5), r.Str(6)}});
  }
  return out;
}

}  // namespace shiori::store
