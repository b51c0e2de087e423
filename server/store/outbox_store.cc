// See outbox_store.h.
#include "server/store/outbox_store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/common/error.h"
#include "shiori/v1/common.pb.h"

namespace shiori::store {
namespace {

constexpr char kColumns[] =
    "id, dedupe_key, kind, recipient, template, params, reservation_id, state, attempts, next_attempt_at,"
    " COALESCE(claimed_by, ''), claimed_until, COALESCE(last_error, ''), created_at, sent_at";

// The longest dedupe key the unique index holds (VARCHAR(190), utf8mb4).
constexpr size_t kMaxDedupeKey = 190;
// A confirmation token is a secret (auth/secret_token.h): once its mail is sent or failed, the row forgets it.
// (A macro so it joins the statements as one literal.)
#define kScrubSecrets "COALESCE(JSON_REMOVE(params, '$.confirm_token', '$.confirm_url'), params)"

// last_error is for people reading `mail list`; a server's reply can be long.
constexpr size_t kMaxErrorText = 2000;

OutboxRow ToOutboxRow(const Row& r) {
  OutboxRow o;
  o.id = r.Int(0);
  o.dedupe_key = r.Str(1);
  o.kind = r.Str(2);
  o.recipient = r.Str(3);
  o.template_name = r.Str(4);
  // A row some other writer filled with bad JSON keeps its empty values; the sender then fails it on the
  // missing placeholder instead of retrying it for ever.
  (void)DecodeMailParams(r.Str(5), &o.params, &o.list_params);
  if (!r.IsNull(6)) o.reservation_id = r.Int(6);
  o.state = static_cast<OutboxState>(r.Int(7));
  o.attempts = static_cast<int>(r.Int(8));
  o.next_attempt_at = r.Time(9);
  o.claimed_by = r.Str(10);
  if (!r.IsNull(11)) o.claimed_until = r.Time(11);
  o.last_error = r.Str(12);
  o.created_at = r.Time(13);
  if (!r.IsNull(14)) o.sent_at = r.Time(14);
  return o;
}

absl::StatusOr<std::vector<OutboxRow>> ToOutboxRows(absl::StatusOr<Rows> rows) {
  if (!rows.ok()) return rows.status();
  std::vector<OutboxRow> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) out.push_back(ToOutboxRow(r));
  return out;
}

std::string Truncated(const std::string& text) {
  if (text.size() <= kMaxErrorText) return text;
  size_t cut = kMaxErrorText;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
  return text.substr(0, cut);
}

absl::Status BadMail(absl::string_view field, absl::string_view what) {
  return Error(absl::StatusCode::kInvalidArgument, "OUTBOX_MAIL_INVALID", "メールの内容が正しくありません")
      .Rule("M1")
      .Field(std::string(field), std::string(what))
      .English(absl::StrCat("outbox mail: ", field, " ", what));
}

}  // namespace

std::string EncodeMailParams(const std::map<std::string, std::string>& params,
                             const std::map<std::string, std::vector<std::string>>& list_params) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : params) j[k] = v;
  for (const auto& [k, v] : list_params) j[k] = v;
  // Invalid UTF-8 is replaced rather than thrown: the renderer escapes values again anyway.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

absl::Status DecodeMailParams(const std::string& json, std::map<std::string, std::string>* params,
                              std::map<std::string, std::vector<std::string>>* list_params) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return absl::InvalidArgumentError("outbox params: not a JSON object");
  for (const auto& [k, v] : j.items()) {
    if (v.is_string()) {
      (*params)[k] = v.get<std::string>();
    } else if (v.is_array()) {
      std::vector<std::string> lines;
      for (const auto& line : v) {
        if (!line.is_string())
          return absl::InvalidArgumentError(absl::StrCat("outbox params: ", k, " has a non-string"));
        lines.push_back(line.get<std::string>());
      }
      (*list_params)[k] = std::move(lines);
    } else {
      return absl::InvalidArgumentError(absl::StrCat("outbox params: ", k, " is not text"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> EnqueueMail(Tx& tx, const OutboxMail& mail) {
  if (mail.dedupe_key.empty()) return BadMail("dedupe_key", "is empty");
  if (mail.dedupe_key.size() > kMaxDedupeKey) return BadMail("dedupe_key", "is longer than 190 bytes");
  if (mail.kind.empty()) return BadMail("kind", "is empty");
  if (mail.template_name.empty()) return BadMail("template_name", "is empty");
  SqlValue reservation = mail.reservation_id ? SqlValue(*mail.reservation_id) : SqlValue(Null{});
  // A plain INSERT, not INSERT IGNORE: IGNORE would also turn truncation and other errors into warnings.
  // A duplicate key only rolls back this statement, so the caller's transaction goes on.
  auto n = tx.Execute(
      "INSERT INTO outbox (dedupe_key, kind, recipient, template, params, reservation_id, state, attempts,"
      " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?, ?)",
      {mail.dedupe_key, mail.kind, mail.recipient, mail.template_name, EncodeMailParams(mail.params, mail.list_params),
       reservation, mail.now, mail.now});
  if (n.ok()) return true;
  if (n.status().code() == absl::StatusCode::kAlreadyExists) return false;  // the only unique key: dedupe_key
  return n.status();
}

absl::StatusOr<int64_t> SetPendingReadyDeadline(Tx& tx, int64_t reservation_id, const std::string& deadline) {
  // Pending rows are few: the (state, next_attempt_at) index finds them.
  return tx.Execute(
      "UPDATE outbox SET params = JSON_SET(params, '$.deadline', ?) WHERE state = 1 AND kind = ? AND reservation_id = ?",
      {deadline, std::string(kMailKindHoldReady), reservation_id});
}

absl::StatusOr<int64_t> RedirectPendingReadyMail(Tx& tx, int64_t patron_id, const std::string& from,
                                                 const std::string& to) {
  return tx.Execute(
      "UPDATE outbox o JOIN reservation r ON r.id = o.reservation_id SET o.recipient = ?"
      " WHERE o.state = 1 AND o.kind = ? AND o.recipient = ? AND r.patron_id = ?",
      {to, std::string(kMailKindHoldReady), from, patron_id});
}

absl::StatusOr<std::vector<OutboxRow>> ClaimDueMail(Database& db, const std::string& sender, absl::Time now,
                                                    absl::Duration lease, int limit, bool ignore_backoff) {
  std::vector<OutboxRow> claimed;
  absl::Status s = db.InTransaction([&](Tx& tx) -> absl::Status {
    claimed.clear();
    // Two index ranges (state, next_attempt_at) and (state, claimed_until); SKIP LOCKED lets several senders
    // claim side by side without waiting on each other's rows.
    const std::string due = ignore_backoff ? "state = 1" : "(state = 1 AND next_attempt_at <= ?)";
    std::vector<SqlValue> params;
    if (!ignore_backoff) params.push_back(now);
    params.push_back(now);
    auto ids = tx.Query(absl::StrCat("SELECT id FROM outbox WHERE ", due,
                                     " OR (state = 2 AND claimed_until < ?) ORDER BY next_attempt_at, id LIMIT ", limit,
                                     " FOR UPDATE SKIP LOCKED"),
                        params);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) return absl::OkStatus();
    std::vector<SqlValue> id_values;
    for (const Row& r : *ids) id_values.push_back(r.Int(0));
    const std::string in_list =
        absl::StrCat("(", absl::StrJoin(std::vector<std::string>(id_values.size(), "?"), ","), ")");
    // The claim is a write of each row (not only the lock above), so it also holds where locks are local to
    // one node (architecture.md: Galera certifies written rows only). The condition is checked again.
    std::vector<SqlValue> update = {sender, now + lease};
    update.insert(update.end(), id_values.begin(), id_values.end());
    if (!ignore_backoff) update.push_back(now);
    update.push_back(now);
    auto n = tx.Execute(absl::StrCat("UPDATE outbox SET state = 2, claimed_by = ?, claimed_until = ?,"
                                     " attempts = attempts + 1 WHERE id IN ",
                                     in_list, " AND (", due, " OR (state = 2 AND claimed_until < ?))"),
                        update);
    if (!n.ok()) return n.status();
    std::vector<SqlValue> select = id_values;
    select.push_back(sender);
    auto rows = ToOutboxRows(tx.Query(absl::StrCat("SELECT ", kColumns, " FROM outbox WHERE id IN ", in_list,
                                                   " AND state = 2 AND claimed_by = ? ORDER BY next_attempt_at, id"),
                                      select));
    if (!rows.ok()) return rows.status();
    claimed = std::move(*rows);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return claimed;
}

absl::StatusOr<bool> MarkMailSent(Tx& tx, int64_t id, const std::string& sender, absl::Time now) {
  auto n = tx.Execute(
      "UPDATE outbox SET state = 3, sent_at = ?, claimed_until = NULL, last_error = NULL, params = " kScrubSecrets
      " WHERE id = ? AND state = 2 AND claimed_by = ?",
      {now, id, sender});
  if (!n.ok()) return n.status();
  return *n > 0;
}

absl::StatusOr<bool> MarkMailRetry(Tx& tx, int64_t id, const std::string& sender, absl::Time next_attempt_at,
                                   const std::string& error) {
  auto n = tx.Execute(
      "UPDATE outbox SET state = 1, next_attempt_at = ?, claimed_until = NULL, last_error = ?"
      " WHERE id = ? AND state = 2 AND claimed_by = ?",
      {next_attempt_at, Truncated(error), id, sender});
  if (!n.ok()) return n.status();
  return *n > 0;
}

absl::StatusOr<bool> WithdrawStaleReadyNotice(Tx& tx, int64_t id, const std::string& sender) {
  auto n = tx.Execute(
      "UPDATE outbox o JOIN reservation r ON r.id = o.reservation_id SET o.state = 5, o.claimed_until = NULL,"
      " o.last_error = 'withdrawn: the reservation is no longer on the hold shelf', o.params = " kScrubSecrets
      " WHERE o.id = ? AND o.state = 2 AND o.claimed_by = ? AND o.kind = ? AND r.state <> ?",
      {id, sender, std::string(kMailKindHoldReady), int64_t{v1::SECURED}});
  if (!n.ok()) return n.status();
  return *n > 0;
}

absl::StatusOr<bool> MarkMailFailed(Tx& tx, int64_t id, const std::string& sender, absl::Time now,
                                    const std::string& error) {
  auto owner =
      tx.Query("SELECT reservation_id FROM outbox WHERE id = ? AND state = 2 AND claimed_by = ?", {id, sender});
  if (!owner.ok()) return owner.status();
  if (owner->empty()) return false;
  if (!owner->front().IsNull(0)) {
    auto r = tx.Execute("UPDATE reservation SET notice_failed = TRUE WHERE id = ?", {owner->front().Int(0)});
    if (!r.ok()) return r.status();
  }
  auto n = tx.Execute(
      "UPDATE outbox SET state = 4, sent_at = NULL, claimed_until = NULL, last_error = ?, params = " kScrubSecrets
      " WHERE id = ? AND state = 2 AND claimed_by = ?",
      {Truncated(absl::StrCat(error, " (", FormatSqlTime(now), ")")), id, sender});
  if (!n.ok()) return n.status();
  // The row was read under this transaction's snapshot; a concurrent take-over between the two statements
  // leaves n == 0 and the caller's transaction is rolled back by returning an error.
  if (*n == 0) return absl::AbortedError("outbox row claimed by another sender while failing it");
  return true;
}

absl::StatusOr<bool> ReleaseMailClaim(Tx& tx, int64_t id, const std::string& sender) {
  auto n = tx.Execute(
      "UPDATE outbox SET state = 1, claimed_until = NULL, attempts = GREATEST(attempts - 1, 0)"
      " WHERE id = ? AND state = 2 AND claimed_by = ?",
      {id, sender});
  if (!n.ok()) return n.status();
  return *n > 0;
}

absl::StatusOr<std::vector<OutboxRow>> ListMail(Tx& tx, std::optional<OutboxState> state, int limit) {
  if (state) {
    return ToOutboxRows(
        tx.Query(absl::StrCat("SELECT ", kColumns, " FROM outbox WHERE state = ? ORDER BY id DESC LIMIT ", limit),
                 {int64_t{static_cast<int>(*state)}}));
  }
  return ToOutboxRows(tx.Query(absl::StrCat("SELECT ", kColumns, " FROM outbox ORDER BY id DESC LIMIT ", limit)));
}

absl::StatusOr<std::optional<OutboxRow>> FindMailByDedupeKey(Tx& tx, const std::string& dedupe_key) {
  auto rows =
      ToOutboxRows(tx.Query(absl::StrCat("SELECT ", kColumns, " FROM outbox WHERE dedupe_key = ?"), {dedupe_key}));
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<OutboxRow>();
  return std::optional<OutboxRow>(std::move(rows->front()));
}

absl::StatusOr<std::map<OutboxState, int64_t>> CountMailByState(Tx& tx) {
  auto rows = tx.Query("SELECT state, COUNT(*) FROM outbox GROUP BY state");
  if (!rows.ok()) return rows.status();
  std::map<OutboxState, int64_t> out;
  for (const Row& r : *rows) out[static_cast<OutboxState>(r.Int(0))] = r.Int(1);
  return out;
}

}  // namespace shiori::store
