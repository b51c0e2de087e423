// See patron_email_store.h.
#include "server/store/patron_email_store.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace shiori::store {
namespace {

constexpr char kColumns[] =
    "SELECT patron_id, slot, address, confirmed_at IS NOT NULL, COALESCE(pending_address, ''),"
    " COALESCE(token_hash, ''), token_expires_at, COALESCE(request_id, '') FROM patron_email ";

PatronEmailRow ToRow(const Row& r) {
  return PatronEmailRow{r.Int(0),  static_cast<int>(r.Int(1)), r.Str(2), r.Bool(3), r.Str(4),
                        r.Str(5), r.Time(6),                   r.Str(7)};
}

// The address of the slot MailSlot chooses among `emails` (the confirmed ones, in slot order).
std::optional<std::string> ChooseMailAddress(const HoldNoticeChoice& choice, const std::vector<PatronEmailRow>& emails) {
  std::vector<int> slots;
  for (const PatronEmailRow& e : emails) {
    if (e.confirmed) slots.push_back(e.slot);
  }
  const std::optional<int> slot = MailSlot(choice, slots);
  for (const PatronEmailRow& e : emails) {
    if (slot && e.confirmed && e.slot == *slot) return e.address;
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> MailSlot(const HoldNoticeChoice& choice, const std::vector<int>& confirmed_slots) {
  for (int slot : confirmed_slots) {
    if (choice.method == kHoldNoticeEmail && choice.slot && *choice.slot != slot) continue;
    return slot;
  }
  return std::nullopt;
}

absl::StatusOr<std::optional<std::string>> HoldNoticeAddress(Tx& tx, int64_t patron_id) {
  // One read: the choice, with the confirmed addresses in slot order (none: one row of NULLs).
  auto rows = tx.Query(
      "SELECT p.hold_notice_method, p.hold_notice_slot, e.slot, e.address FROM patron p LEFT JOIN patron_email e"
      " ON e.patron_id = p.id AND e.confirmed_at IS NOT NULL WHERE p.id = ? ORDER BY e.slot",
      {patron_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<std::string>();
  HoldNoticeChoice choice;
  choice.method = static_cast<int>(rows->front().Int(0));
  if (!rows->front().IsNull(1)) choice.slot = static_cast<int>(rows->front().Int(1));
  std::vector<PatronEmailRow> confirmed;
  for (const Row& r : *rows) {
    if (r.IsNull(2)) continue;
    PatronEmailRow e;
    e.slot = static_cast<int>(r.Int(2));
    e.address = r.Str(3);
    e.confirmed = true;
    confirmed.push_back(std::move(e));
  }
  if (choice.method == kHoldNoticeTelephone) return std::optional<std::string>();
  return ChooseMailAddress(choice, confirmed);
}

absl::StatusOr<std::optional<HoldReadyFacts>> ReadHoldReady(Tx& tx, int64_t patron_id, const std::string& library) {
  // The patron's fields as one JSON object (one look-up, and any text survives); the confirmed addresses as
  // "slot address" lines (an address holds no line break: it was validated; nesting them in the object with
  // JSON_ARRAYAGG doubled the read's time).
  // The library row carries the calendar stamp (ReadCalendarStamp's columns and lock).
  auto rows = tx.Query(
      "SELECT (SELECT JSON_OBJECT('number', p.patron_number, 'name', p.name, 'method', p.hold_notice_method,"
      " 'slot', p.hold_notice_slot) FROM patron p WHERE p.id = ?),"
      " (SELECT GROUP_CONCAT(e.slot, ' ', e.address ORDER BY e.slot SEPARATOR '\\n') FROM patron_email e"
      " WHERE e.patron_id = ? AND e.confirmed_at IS NOT NULL),"
      " COALESCE(l.display_name, l.id), l.calendar_version,"
      " (SELECT COALESCE(MAX(batch), 0) FROM national_holiday)"
      " FROM library l WHERE l.id = ? LOCK IN SHARE MODE",
      {patron_id, patron_id, library});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<HoldReadyFacts>();  // no such library
  const Row& row = rows->at(0);
  if (row.IsNull(0)) return std::optional<HoldReadyFacts>();  // no such patron
  const nlohmann::json j = nlohmann::json::parse(row.Str(0), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::optional<HoldReadyFacts>();
  // Read by type, never throwing: a missing or NULL field is empty.
  auto text = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto number = [&](const char* key) -> std::optional<int> {
    auto it = j.find(key);
    if (it != j.end() && it->is_number_integer()) return it->get<int>();
    return std::nullopt;
  };
  HoldReadyFacts out;
  out.patron_number = text("number");
  out.patron_name = text("name");
  HoldNoticeChoice choice;
  choice.method = number("method").value_or(kHoldNoticeUnset);
  choice.slot = number("slot");
  std::vector<PatronEmailRow> confirmed;
  for (absl::string_view line : absl::StrSplit(row.Str(1), '\n', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> slot_address = absl::StrSplit(line, absl::MaxSplits(' ', 1));
    PatronEmailRow e;
    if (!absl::SimpleAtoi(slot_address.first, &e.slot)) continue;
    e.address = std::string(slot_address.second);
    e.confirmed = true;
    confirmed.push_back(std::move(e));
  }
  out.address = ChooseMailAddress(choice, confirmed);
  out.library_name = row.Str(2);
  out.calendar = CalendarStamp{row.Int(3), row.Int(4)};
  return std::optional<HoldReadyFacts>(std::move(out));
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
  SqlValue token = TextOrNull(e.token_hash);
  SqlValue expires = e.token_hash.empty() ? SqlValue(Null{}) : SqlValue(e.token_expires_at);
  SqlValue confirmed = e.confirmed ? SqlValue(now) : SqlValue(Null{});
  return tx
      .Execute(
          "REPLACE INTO patron_email (patron_id, slot, address, confirmed_at, token_hash, token_expires_at,"
          " created_at, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {e.patron_id, int64_t{e.slot}, e.address, confirmed, token, expires, now, TextOrNull(e.request_id)})
      .status();
}

absl::Status SetPendingPatronEmail(Tx& tx, const PatronEmailRow& e) {
  const bool dropped = e.pending_address.empty();
  SqlValue token = dropped ? SqlValue(Null{}) : TextOrNull(e.token_hash);
  SqlValue expires = dropped ? SqlValue(Null{}) : SqlValue(e.token_expires_at);
  return tx
      .Execute(
          "UPDATE patron_email SET pending_address = ?, token_hash = ?, token_expires_at = ?, request_id = ?"
          " WHERE patron_id = ? AND slot = ?",
          {TextOrNull(e.pending_address), token, expires, TextOrNull(e.request_id), e.patron_id, int64_t{e.slot}})
      .status();
}

absl::Status ConfirmPatronEmail(Tx& tx, int64_t patron_id, int slot, absl::Time now) {
  return tx
      .Execute(
          "UPDATE patron_email SET address = COALESCE(pending_address, address), pending_address = NULL,"
          " confirmed_at = ?, token_hash = NULL, token_expires_at = NULL WHERE patron_id = ? AND slot = ?",
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
