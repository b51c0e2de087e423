// A patron's mail addresses (P7: メールアドレス1 and 2) and which one gets hold-ready mail (R10), in MariaDB.
// An address is usable only after it was confirmed from the mail sent to it; until then it carries the hash
// of its single-use confirmation token.
#ifndef SHIORI_SERVER_STORE_PATRON_EMAIL_STORE_H_
#define SHIORI_SERVER_STORE_PATRON_EMAIL_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/calendar_store.h"
#include "server/store/database.h"

namespace shiori::store {

struct PatronEmailRow {
  int64_t patron_id = 0;
  int slot = 1;  // 1 or 2
  std::string address;
  bool confirmed = false;
  // A replacement for a confirmed address, waiting for its link ("" for none); the token is its token.
  std::string pending_address;
  std::string token_hash;  // "" when no address of the slot waits for confirmation
  absl::Time token_expires_at = absl::InfinitePast();
  std::string request_id;  // of the call that added it ("" for none)
};

// patron.hold_notice_method.
enum HoldNoticeMethod { kHoldNoticeUnset = 0, kHoldNoticeEmail = 1, kHoldNoticeTelephone = 2 };

struct HoldNoticeChoice {
  int method = kHoldNoticeUnset;
  std::optional<int> slot;  // with kHoldNoticeEmail
};

// The slot whose address hold-ready mail goes to (R10, P7), among the slots with a confirmed address (in slot
// order): the one the patron chose; when they chose no slot, their only (or first) one. nullopt when the
// chosen slot has no confirmed address, or there is none. The telephone choice does not enter: it is the
// default for a reservation placed without a method, and a reservation asking for mail gets mail.
std::optional<int> MailSlot(const HoldNoticeChoice& choice, const std::vector<int>& confirmed_slots);

// The address the patron's own choice sends hold-ready mail to: MailSlot's, nullopt when the patron chose the
// telephone or has no confirmed address (staff then phone: the reservation joins the call list).
absl::StatusOr<std::optional<std::string>> HoldNoticeAddress(Tx& tx, int64_t patron_id);

// What securing a reservation at a library needs besides the reservation: the ready notice's facts — the
// patron's number and name, the address of MailSlot (a reservation that asks for mail gets it whatever the
// profile's default), the pickup library's display name — and the
// library's calendar stamp for the pickup deadline (R11).
struct HoldReadyFacts {
  std::string patron_number;
  std::string patron_name;
  std::optional<std::string> address;
  std::string library_name;
  CalendarStamp calendar;
};
// One read of the library row, LOCK IN SHARE MODE as ReadCalendarStamp's (a calendar change waits for this
// transaction), with the patron's fields in subqueries, which lock nothing. Kept out of the head-of-queue
// read: with no reservation to secure, as at most check-ins, they would only cost. nullopt when there is no
// such library or patron.
absl::StatusOr<std::optional<HoldReadyFacts>> ReadHoldReady(Tx& tx, int64_t patron_id, const std::string& library);

// Both slots of a patron, slot order.
absl::StatusOr<std::vector<PatronEmailRow>> ListPatronEmails(Tx& tx, int64_t patron_id);
// The slot waiting for the confirmation token with this hash, if any.
absl::StatusOr<std::optional<PatronEmailRow>> FindPatronEmailByToken(Tx& tx, const std::string& token_hash);
// Inserts or replaces the address in (patron, slot); a pending replacement goes with it.
absl::Status PutPatronEmail(Tx& tx, const PatronEmailRow& row, absl::Time now);
// Keeps `address` as the slot's pending replacement with its token (the confirmed address stays in use), or
// with an empty `address` drops the pending one.
absl::Status SetPendingPatronEmail(Tx& tx, const PatronEmailRow& row);
// Marks the slot's address confirmed, or puts its pending replacement in its place, and forgets the token.
absl::Status ConfirmPatronEmail(Tx& tx, int64_t patron_id, int slot, absl::Time now);
absl::Status DeletePatronEmail(Tx& tx, int64_t patron_id, int slot);

absl::StatusOr<HoldNoticeChoice> GetHoldNoticeChoice(Tx& tx, int64_t patron_id);
absl::Status SetHoldNoticeChoice(Tx& tx, int64_t patron_id, const HoldNoticeChoice& choice);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_PATRON_EMAIL_STORE_H_
