// See session_store.h.
#include "server/store/session_store.h"

namespace shiori::store {

absl::Status InsertSession(Tx& tx, const SessionRow& s) {
  return tx
      .Execute(
          "INSERT INTO session (token_hash, subject_kind, subject_id, channel, created_at, last_seen_at)"
          " VALUES (?, ?, ?, ?, ?, ?)",
          {s.token_hash, int64_t{s.subject_kind}, s.subject_id, int64_t{s.channel}, s.created_at, s.last_seen_at})
      .status();
}

absl::StatusOr<std::optional<SessionRow>> FindSession(Tx& tx, const std::string& token_hash) {
  auto rows = tx.Query(
      "SELECT token_hash, subject_kind, subject_id, channel, created_at, last_seen_at, ended_at IS NOT NULL"
      " FROM session WHERE token_hash = ?",
      {token_hash});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<SessionRow>();
  const Row& r = rows->front();
  return std::optional<SessionRow>(SessionRow{r.Str(0), static_cast<int>(r.Int(1)), r.Int(2),
                                              static_cast<int>(r.Int(3)), r.Time(4), r.Time(5), r.Bool(6)});
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
