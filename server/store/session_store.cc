// See session_store.h.
#include "server/store/session_store.h"

#include "absl/strings/str_split.h"

namespace shiori::store {

absl::Status InsertSession(Tx& tx, const SessionRow& s) {
  return tx
      .Execute(
          "INSERT INTO session (token_hash, subject_kind, subject_id, channel, created_at, last_seen_at)"
          " VALUES (?, ?, ?, ?, ?, ?)",
          {s.token_hash, int64_t{s.subject_kind}, s.subject_id, int64_t{s.channel}, s.created_at, s.last_seen_at})
      .status();
}

absl::StatusOr<std::optional<SessionCaller>> FindSessionCaller(Tx& tx, const std::string& token_hash) {
  auto rows = tx.Query(
      "SELECT s.subject_kind, s.subject_id, s.channel, s.last_seen_at,"
      " s.ended_at IS NOT NULL, COALESCE(p.id, st.id) IS NOT NULL, p.patron_number, p.category, st.staff_id,"
      " st.is_admin, (SELECT GROUP_CONCAT(sl.library_id ORDER BY sl.library_id) FROM staff_library sl"
      " WHERE sl.staff_id = st.id)"
      " FROM session s"
      " LEFT JOIN patron p ON s.subject_kind = 1 AND p.id = s.subject_id"
      " LEFT JOIN staff st ON s.subject_kind = 2 AND st.id = s.subject_id"
      " WHERE s.token_hash = ?",
      {token_hash});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<SessionCaller>();
  const Row& r = rows->front();
  SessionCaller c;
  c.session.token_hash = token_hash;
  c.session.subject_kind = static_cast<int>(r.Int(0));
  c.session.subject_id = r.Int(1);
  c.session.channel = static_cast<int>(r.Int(2));
  c.session.last_seen_at = r.Time(3);
  c.session.ended = r.Bool(4);
  c.subject_exists = r.Bool(5);
  c.patron_number = r.Str(6);
  c.category = r.IsNull(7) ? 0 : static_cast<int>(r.Int(7));
  c.staff_login = r.Str(8);
  c.is_admin = !r.IsNull(9) && r.Bool(9);
  c.libraries = absl::StrSplit(r.Str(10), ',', absl::SkipEmpty());
  return std::optional<SessionCaller>(std::move(c));
}

absl::Status TouchSession(Tx& tx, const std::string& token_hash, absl::Time now) {
  return tx.Execute("UPDATE session SET last_seen_at = ? WHERE token_hash = ?", {now, token_hash}).status();
}

absl::Status EndSession(Tx& tx, const std::string& token_hash, absl::Time now) {
  return tx.Execute("UPDATE session SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL", {now, token_hash})
      .status();
}

absl::Status EndOtherSessions(Tx& tx, int subject_kind, int64_t subject_id, const std::string& keep_hash,
                              absl::Time now) {
  return tx
      .Execute(
          "UPDATE session SET ended_at = ? WHERE subject_kind = ? AND subject_id = ? AND token_hash <> ?"
          " AND ended_at IS NULL",
          {now, int64_t{subject_kind}, subject_id, keep_hash})
      .status();
}

}  // namespace shiori::store
