// See audit_log.h.
#include "server/store/audit_log.h"

#include "server/common/utf8_chars.h"

namespace shiori::store {

absl::Status AppendAuditRecord(Tx& tx, const AuditRecord& r) {
  // Column sizes (0001, actor 0031): longer values are cut rather than refused, so an audit row never blocks a
  // change. Cut at a character boundary; the columns count characters, so a cut by bytes always fits.
  auto cut = [](const std::string& s, size_t n) { return std::string(Utf8Prefix(s, n)); };
  return tx
      .Execute("INSERT INTO audit_log (at, actor, action, target, detail, peer) VALUES (?, ?, ?, ?, ?, ?)",
               {r.at, cut(r.actor, 96), cut(r.action, 64), cut(r.target, 128), r.detail, cut(r.peer, 128)})
      .status();
}

}  // namespace shiori::store
