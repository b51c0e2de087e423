// See audit_log.h.
#include "server/store/audit_log.h"

namespace shiori::store {

absl::Status AppendAuditRecord(Tx& tx, const AuditRecord& r) {
  // Column sizes of 0001: longer values are cut rather than refused, so an audit row never blocks a change.
  // Cut at a character boundary (never inside a UTF-8 sequence); columns count characters, so bytes are safe.
  auto cut = [](const std::string& s, size_t n) {
    if (s.size() <= n) return s;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
  };
  return tx
      .Execute("INSERT INTO audit_log (at, actor, action, target, detail, peer) VALUES (?, ?, ?, ?, ?, ?)",
               {r.at, cut(r.actor, 64), cut(r.action, 64), cut(r.target, 128), r.detail, cut(r.peer, 128)})
      .status();
}

}  // namespace shiori::store
