// See patron_email_store.h.
#include "server/store/patron_email_store.h"

namespace shiori::store {
namespace {

constexpr char kColumns[] =
    "SELECT patron_id, slot, address, confirmed_at IS NOT NULL, COALESCE(token_hash, ''), token_expires_at"
    " FROM patron_email ";

PatronEmailRow ToRow(const Row& r) {
  return PatronEmailRow{r.Int(0), static_cast<int>(r.Int(1)), r.Str(2), r.Bool(3), r.Str(4), r.Time(5)};
}

}  // namespace

absl::StatusOr<std::optional<std::string>> HoldNoticeAddress(Tx& tx, int64_t patron_id) {
  auto choice = GetHoldNoticeChoice(tx, patron_id);
  if (!choice.ok()) return choice.status();
  if (choice->method == kHoldNoticeTelephone) return std::optional<std::string>();
  auto emails = ListPatronEmails(tx, patron_id);
  if (!emails.ok()) return emails.status();
  for (const PatronEmailRow& e : *emails) {
    if (!e.confirmed) continue;
    if (choice->method == kHoldNoticeEmail && choice->slot && *choice->slot != e.slot) continue;
    return std::optional<std::string>(e.address);
  }
  return std::optional<std::string>();
}

absl::StatusOr<std::vector<PatronEmailRow>> ListPatronEmails(Tx& tx, int64_t patron_id) {
  auto rows = tx.Query(std::string(kColumns) + "WHERE patron_id = ? ORDER BY slot", {patron_id});
  if (!rows.ok()) return rows.status();
  std::vector<PatronEmailRow> out;
  for (const Row& r : *rows) out.push_back(ToRow(r));
  return out;
}

absl::StatusOr<std::optional<PatronEmailRow>> FindPatronEmailByToken(Tx& tx, const std::string& token_hash) {
  auto rows = tx.Query(std::string(kColumns) + "WHERE token_hash = ? FOR UPDATE", {token_hash});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<PatronEmailRow>();
  return std::optional<PatronEmailRow>(ToRow(rows->front()));
}

absl::Status PutPatronEmail(Tx& tx, const PatronEmailRow& e, absl::Time now) {
  SqlValue token = e.token_hash.empty() ? SqlValue(Null{}) : SqlValue(e.token_hash);
  SqlValue expires = e.token_hash.empty() ? SqlValue(Null{}) : SqlValue(e.token_expires_at);
  SqlValue confirmed = e.confirmed ? SqlValue(now) : SqlValue(Null{});
  return tx
      .Execute(
          "REPLACE INTO patron_email (patron_id, slot, address, confirmed_at, token_hash, token_expires_at,"
          " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {e.patron_id, int64_t{e.slot}, e.address, confirmed, token, expires, now})
      .status();
}

absl::Status ConfirmPatronEmail(Tx& tx, int64_t patron_id, int slot, absl::Time now) {
  return tx
      .Execute(
          "UPDATE patron_email SET confirmed_at = ?, token_hash = NULL, token_expires_at = NULL"
          " WHERE patron_id = ? AND slot = ?",
          {now, patron_id, int64_t{slot}})
      .status();
}

absl::Status DeletePatronEmail(Tx& tx, int64_t patron_id, int slot) {
  return tx.Execute("DELETE FROM patron_email WHERE patron_id = ? AND slot = ?", {patron_id, int64_t{slot}})
      .status();
}

absl::StatusOr<HoldNoticeChoice> GetHoldNoticeChoice(Tx& tx, int64_t patron_id) {
  auto rows = tx.Query("SELECT hold_notice_method, hold_notice_slot FROM patron WHERE id = ?", {patron_id});
  if (!rows.ok()) return rows.status();
  HoldNoticeChoice c;
  if (rows->empty()) return c;
  c.method = static_cast<int>(rows->front().Int(0));
  if (!rows->front().IsNull(1)) c.slot = static_cast<int>(rows->front().Int(1));
  return c;
}

absl::Status SetHoldNoticeChoice(Tx& tx, int64_t patron_id, const HoldNoticeChoice& c) {
  SqlValue slot = c.slot ? SqlValue(int64_t{*c.slot}) : SqlValue(Null{});
  return tx
      .Execute("UPDATE patron SET hold_notice_method = ?, hold_notice_slot = ? WHERE id = ?",
               {int64_t{c.method}, slot, patron_id})
      .status();
}

}  // namespace shiori::store
