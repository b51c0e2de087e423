// The mail outbox (rule M1): every mail is a row written in the same transaction as the change that causes
// it, keyed by its event (dedupe_key), and delivered later by the outbox sender (server/notify/outbox_sender.h).
//
// Writers call EnqueueMail inside their own transaction. The sender claims due rows with a lease
// (ClaimDueMail), sends them, and records the outcome (MarkMailSent / MarkMailRetry / MarkMailFailed). Every
// Mark* is conditional on the claim still being the caller's, so a sender whose lease ran out and was taken
// over by another cannot overwrite the newer owner's state.
//
// Row states: 1 pending, 2 sending (claimed, lease until claimed_until), 3 sent, 4 failed.
#ifndef SHIORI_SERVER_STORE_OUTBOX_STORE_H_
#define SHIORI_SERVER_STORE_OUTBOX_STORE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace shiori::store {

// kWithdrawn: a ready notice not sent because its reservation left the hold shelf first (cancelled, expired,
// collected) while the mail waited, e.g. for a retry (R10, R14).
enum class OutboxState { kPending = 1, kSending = 2, kSent = 3, kFailed = 4, kWithdrawn = 5 };

// Mail kinds (the `kind` column); the template usually has the same name (config/mail/README.md).
inline constexpr char kMailKindHoldReady[] = "hold_ready";                      // R10
inline constexpr char kMailKindRegistrationConfirm[] = "registration_confirm";  // P4
inline constexpr char kMailKindEmailConfirm[] = "email_confirm";                // P7
inline constexpr char kMailKindNewArrivals[] = "new_arrivals";                  // N1

// One mail to write. Template values are plain text, escaped when rendered (mail_template.h). Values the
// sender fills in itself when they are absent: `library_name` (the --mail-from display name) and
// `confirm_url` (from `confirm_token` and --confirm-base-url). `unsubscribe_url` also becomes the
// List-Unsubscribe header (N6). `recipient_name`, when given, is the To display name.
struct OutboxMail {
  // One event, one row: e.g. "ready:<reservation id>:<secured-at unix micros>", "confirm:<token hash>".
  std::string dedupe_key;
  std::string kind;
  // addr-spec. Empty for a ready notice to a patron with no confirmed address: the row is still written
  // (one notice per securing, R10) and the sender marks it failed, so the reservation shows it (R15).
  std::string recipient;
  std::string template_name;
  std::map<std::string, std::string> params;
  // List values (the new-arrival items), one escaped line each.
  std::map<std::string, std::vector<std::string>> list_params;
  // For a ready notice: the reservation that shows a failed notice (R15).
  std::optional<int64_t> reservation_id;
  // When the event happened (ctx.clock); the mail is due from then.
  absl::Time now;
};

// Writes the row (state pending, due at `now`). Returns true when written, false when a row with this
// dedupe_key already exists (the event was already recorded; nothing is changed). INVALID_ARGUMENT for an
// empty dedupe_key, kind or template name, or a dedupe_key over 190 bytes.
absl::StatusOr<bool> EnqueueMail(Tx& tx, const OutboxMail& mail);

// Sets the `deadline` parameter of the reservation's hold-ready mail still waiting to be sent (R11: a closure
// moved the deadline after the copy was secured). A mail being sent or sent already is left as it is (R10: one
// ready notice; the patron's list shows the new deadline). Returns the rows changed.
absl::StatusOr<int64_t> SetPendingReadyDeadline(Tx& tx, int64_t reservation_id, const std::string& deadline);

// Gives the patron's hold-ready mails still waiting to be sent to `from` the recipient `to` ("" when there is
// none: the sender then marks them failed, shown on the reservation, R15): the address was removed or replaced
// (P7) after the mail was written. Returns the rows changed.
absl::StatusOr<int64_t> RedirectPendingReadyMail(Tx& tx, int64_t patron_id, const std::string& from,
                                                 const std::string& to);

struct OutboxRow {
  int64_t id = 0;
  std::string dedupe_key;
  std::string kind;
  std::string recipient;
  std::string template_name;
  std::map<std::string, std::string> params;
  std::map<std::string, std::vector<std::string>> list_params;
  std::optional<int64_t> reservation_id;
  OutboxState state = OutboxState::kPending;
  int attempts = 0;  // claims so far, this one included
  absl::Time next_attempt_at;
  std::string claimed_by;
  std::optional<absl::Time> claimed_until;
  std::string last_error;
  absl::Time created_at;
  std::optional<absl::Time> sent_at;
};

// In one transaction: picks up to `limit` rows that are pending and due (next_attempt_at <= now), or sending
// with an expired lease (claimed_until < now: their sender died or stalled), skipping rows another sender
// has locked at this moment; marks them sending by `sender` until now + lease and counts the attempt.
// Returns the claimed rows, oldest due first. With `ignore_backoff`, pending rows are due whatever their
// next_attempt_at (an operator flushing the queue after an outage).
absl::StatusOr<std::vector<OutboxRow>> ClaimDueMail(Database& db, const std::string& sender, absl::Time now,
                                                    absl::Duration lease, int limit, bool ignore_backoff = false);

// The outcome of one claimed row. Each returns false, changing nothing, when the row is no longer claimed by
// `sender` (its lease expired and another sender took it).
absl::StatusOr<bool> MarkMailSent(Tx& tx, int64_t id, const std::string& sender, absl::Time now);
// Back to pending, due at next_attempt_at, with the error kept for `shiori-admin mail list`.
absl::StatusOr<bool> MarkMailRetry(Tx& tx, int64_t id, const std::string& sender, absl::Time next_attempt_at,
                                   const std::string& error);
// Failed for good; when the row has a reservation, sets reservation.notice_failed (R15). Writes the
// reservation first, then the outbox row (the lock order of every use case that writes mail).
// A claimed hold-ready mail whose reservation is no longer secured becomes withdrawn: true when it was (and
// must not be sent), false when it is still due or not this sender's claim.
absl::StatusOr<bool> WithdrawStaleReadyNotice(Tx& tx, int64_t id, const std::string& sender);
absl::StatusOr<bool> MarkMailFailed(Tx& tx, int64_t id, const std::string& sender, absl::Time now,
                                    const std::string& error);

// Gives a claimed row back untried (a sender shutting down): pending again, due as before, the attempt not
// counted. False when the claim is no longer the sender's.
absl::StatusOr<bool> ReleaseMailClaim(Tx& tx, int64_t id, const std::string& sender);

// Rows in `state` (all when nullopt), newest first, at most `limit`.
absl::StatusOr<std::vector<OutboxRow>> ListMail(Tx& tx, std::optional<OutboxState> state, int limit = 100);
absl::StatusOr<std::optional<OutboxRow>> FindMailByDedupeKey(Tx& tx, const std::string& dedupe_key);
// How many rows are in each state (for status lines and tests).
absl::StatusOr<std::map<OutboxState, int64_t>> CountMailByState(Tx& tx);

// The `params` column: a JSON object whose values are strings, or arrays of strings for list values.
std::string EncodeMailParams(const std::map<std::string, std::string>& params,
                             const std::map<std::string, std::vector<std::string>>& list_params);
// INVALID_ARGUMENT when the text is not such an object.
absl::Status DecodeMailParams(const std::string& json, std::map<std::string, std::string>* params,
                              std::map<std::string, std::vector<std::string>>* list_params);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_OUTBOX_STORE_H_
