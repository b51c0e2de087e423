// The account rules of rules.md as pure functions: patron numbers (P3), registration matching (P4),
// passwords (P6), mail addresses (P7), login lockout and session idle time (P9).
// No IO and no clock: "now" is a parameter, numbers come from the policy config. Storing what these
// functions decide (failures, locks, sessions, hashes) is the caller's job.
#ifndef SHIORI_SERVER_POLICY_ACCOUNT_RULES_H_
#define SHIORI_SERVER_POLICY_ACCOUNT_RULES_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "shiori/v1/common.pb.h"
#include "shiori/v1/policy.pb.h"

namespace shiori::policy {

// ---- P3: patron numbers ----

// The patron number as stored: full-width digits (０–９) become ASCII, half- and full-width spaces around it
// are dropped, leading zeros are kept ("０００ ０００３" is refused, " ０００００03　" gives "0000003").
// INVALID_ARGUMENT, reason INVALID_PATRON_NUMBER, field `patron_number`: empty, too long (over 20 digits),
// or any other character. This says nothing about whether the number exists (P8).
absl::StatusOr<std::string> NormalizePatronNumber(absl::string_view typed);

// ---- P6: passwords ----

// The characters rule of P6 alone: only A–Z, a–z, 0–9. Login uses it as the input hint P8 allows.
// INVALID_ARGUMENT with field `field` and rule P6:
//   PASSWORD_NOT_HALF_WIDTH     a full-width or wide character (ａ, １, the full-width space, かな, 漢字)
//   PASSWORD_INVALID_CHARACTER  any other character (symbols, spaces, é, half-width ｶﾅ, control characters)
absl::Status CheckPasswordCharacters(absl::string_view password, absl::string_view field = "password");

// All of P6, for a password being chosen (registration, change): the characters rule first, then the length
// in characters between policy.min_length and policy.max_length inclusive:
//   PASSWORD_TOO_SHORT / PASSWORD_TOO_LONG  (metadata min_length, max_length; never the password or its length)
absl::Status CheckPassword(absl::string_view password, const shiori::v1::PasswordPolicy& policy,
                           absl::string_view field = "password");

// ---- P4: matching a registration against the patron record ----

// 氏名カナ in the form that is compared: full/half width folded (NFKC, so half-width ｶﾞ becomes ガ),
// hiragana written as katakana, Latin letters case-folded, spaces and the middle dot ・ removed.
// Voiced and unvoiced kana stay distinct (ガ ≠ カ, パ ≠ ハ) and so do small and large kana (ッ ≠ ツ, ャ ≠ ヤ).
std::string NormalizeKana(absl::string_view kana);
// Whether `kana` is a name in kana (P4: 氏名カナ): some katakana, hiragana or half-width katakana, the long
// vowel mark, spaces and ・ only — what NormalizeKana turns into katakana alone.
bool IsKanaName(absl::string_view kana);

// A telephone number as its digits: full-width digits become ASCII; hyphens (any dash, including ー typed
// for one), spaces, parentheses and dots are removed. Any other character is kept, so the result cannot
// equal a real number's digits.
std::string NormalizePhone(absl::string_view phone);

// True if the kana and the telephone number given both match the record once normalised. Never true when
// either normalised value is empty, so a record without a phone number never matches.
bool RegistrationMatches(absl::string_view record_kana, absl::string_view record_phone,
                         absl::string_view given_kana, absl::string_view given_phone);

// When a confirmation token issued at `issued_at` stops working (P4, P7: confirmation_token_hours).
absl::Time ConfirmationExpiry(absl::Time issued_at, const shiori::v1::AccountPolicy& policy);
bool ConfirmationExpired(absl::Time issued_at, absl::Time now, const shiori::v1::AccountPolicy& policy);

// ---- P7: mail addresses ----

// A sane syntax check, not RFC 5322: exactly one @; local part of 1–64 characters from the unquoted atom
// set (dots anywhere, since Japanese mobile carriers issued addresses like "taro..@docomo.ne.jp"); a domain of
// 2 or more dot-separated labels of letters, digits and inner hyphens; at most 254 characters; ASCII only.
// INVALID_ARGUMENT, reason INVALID_EMAIL_ADDRESS, rule P7, field `field`, with a Japanese message saying
// what is wrong (full-width characters, spaces, the @, …).
absl::Status CheckEmailAddress(absl::string_view address, absl::string_view field = "email");

// ---- P9: lockout ----

// What to do with one login attempt on one account.
struct LockoutDecision {
  // False while the account is locked: do not check the password, answer INVALID_CREDENTIALS like any
  // failure (P8) and record nothing (an attempt during a lock neither counts nor extends it).
  bool may_attempt = true;
  // While locked: the end of the lock.
  std::optional<absl::Time> locked_until;
  // If the attempt goes ahead and the password is wrong: record the failure at `now` and, when this is set,
  // lock the account until then. A correct password instead clears the recorded failures.
  std::optional<absl::Time> lock_if_fails_until;
  // Failures in the window before this attempt (those that count towards the limit).
  int failures_in_window = 0;
  // Failures at or before this instant no longer count; the caller may delete them.
  absl::Time counts_failures_after;
};

// Decides an attempt at `now` from one account's own values: `recent_failures`, the times of its failed
// logins (any order; old ones are ignored), and `locked_until`, the end of its latest lock if it ever had one
// (kept after it ends: failures up to the end of a lock do not count again). policy: lockout_failures failures
// within lockout_window_minutes lock the account for lockout_minutes. lockout_failures ≤ 0 turns lockout off.
LockoutDecision DecideLogin(absl::Span<const absl::Time> recent_failures, std::optional<absl::Time> locked_until,
                            absl::Time now, const shiori::v1::AccountPolicy& policy);

// ---- P9: sessions ----

// How long a session from `channel` may stay unused: TERMINAL uses session_idle_minutes_terminal, COUNTER and
// SERVICE (staff and other systems) session_idle_minutes_staff, INTERNET and unspecified
// session_idle_minutes_internet.
absl::Duration SessionIdleTimeout(shiori::v1::Channel channel, const shiori::v1::AccountPolicy& policy);

// True once the session has been idle for its whole timeout (at exactly the timeout it has expired).
bool SessionExpired(absl::Time last_seen, absl::Time now, shiori::v1::Channel channel,
                    const shiori::v1::AccountPolicy& policy);

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_ACCOUNT_RULES_H_
