// See patron_record_store.h.
#include "server/store/patron_record_store.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"

namespace shiori::store {

absl::StatusOr<std::string> IssuePatronNumber(Tx& tx) {
  auto counter = tx.Query("SELECT last_number FROM patron_number_counter WHERE id = 1 FOR UPDATE");
  if (!counter.ok()) return counter.status();
  int64_t last = counter->empty() ? 0 : counter->front().Int(0);
  auto highest = tx.Query(
      "SELECT COALESCE(MAX(CAST(patron_number AS UNSIGNED)), 0) FROM patron WHERE patron_number REGEXP '^[0-9]+$'");
  if (!highest.ok()) return highest.status();
  const int64_t next = std::max(last, highest->front().Int(0)) + 1;
  auto n = tx.Execute(
      "INSERT INTO patron_number_counter (id, last_number) VALUES (1, ?)"
      " ON DUPLICATE KEY UPDATE last_number = VALUES(last_number)",
      {next});
  if (!n.ok()) return n.status();
  return absl::StrFormat("%07d", next);
}

absl::Status SetPatronCreateRequest(Tx& tx, int64_t patron_id, const std::string& request_id) {
  return tx.Execute("UPDATE patron SET create_request_id = ? WHERE id = ?", {request_id, patron_id}).status();
}

absl::StatusOr<std::optional<int64_t>> FindPatronByCreateRequest(Tx& tx, const std::string& request_id) {
  auto rows = tx.Query("SELECT id FROM patron WHERE create_request_id = ?", {request_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().Int(0));
}

absl::Status UpdatePatronRecord(Tx& tx, const PatronRow& p, absl::Time now) {
  return tx
      .Execute(
          "UPDATE patron SET category = ?, name = ?, name_kana = ?, address = ?, phone = ?, home_library = ?,"
          " blocked = ?, updated_at = ? WHERE id = ?",
          {int64_t{p.category}, p.name, p.name_kana, p.address, p.phone, p.home_library, int64_t{p.blocked}, now,
           p.id})
      .status();
}

absl::Status SetPatronCategory(Tx& tx, int64_t patron_id, int category, absl::Time now) {
  return tx.Execute("UPDATE patron SET category = ?, updated_at = ? WHERE id = ?", {int64_t{category}, now, patron_id})
      .status();
}

absl::Status ClearPatronPassword(Tx& tx, int64_t patron_id, absl::Time now) {
  return tx.Execute("UPDATE patron SET password_hash = NULL, updated_at = ? WHERE id = ?", {now, patron_id}).status();
}

absl::StatusOr<std::vector<OpenSession>> ListOpenSessions(Tx& tx, int subject_kind, int64_t subject_id,
                                                          const std::string& except_hash) {
  auto rows = tx.Query(
      "SELECT channel, last_seen_at FROM session WHERE subject_kind = ? AND subject_id = ? AND token_hash <> ?"
      " AND ended_at IS NULL",
      {int64_t{subject_kind}, subject_id, except_hash});
  if (!rows.ok()) return rows.status();
  std::vector<OpenSession> out;
  for (const Row& r : *rows) out.push_back({static_cast<int>(r.Int(0)), r.Time(1)});
  return out;
}

absl::StatusOr<std::vector<PatronRow>> SearchPatronRecords(Tx& tx, const std::string& number,
                                                            const std::string& name_part,
                                                            const std::string& kana_part,
                                                            const std::string& after_number, int limit) {
  auto ids = tx.Query(
      "SELECT id FROM patron WHERE patron_number > ? AND (patron_number = ?"
      " OR (? <> '' AND name LIKE ?) OR (? <> '' AND REPLACE(REPLACE(name_kana, ' ', ''), '　', '') LIKE ?))"
      " ORDER BY patron_number LIMIT ?",
      {after_number, number, name_part, LikeContaining(name_part), kana_part, LikeContaining(kana_part), int64_t{limit}});
  if (!ids.ok()) return ids.status();
  std::vector<PatronRow> out;
  for (const Row& r : *ids) {
    auto p = FindPatronById(tx, r.Int(0));
    if (!p.ok()) return p.status();
    if (p->has_value()) out.push_back(**p);
  }
  return out;
}

}  // namespace shiori::store
