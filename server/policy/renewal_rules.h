// Renewal (延長) of a loan (B2) and the loan facts a patron sees (B1). Pure.
#ifndef SHIORI_SERVER_POLICY_RENEWAL_RULES_H_
#define SHIORI_SERVER_POLICY_RENEWAL_RULES_H_

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "shiori/v1/common.pb.h"
#include "shiori/v1/policy.pb.h"

namespace shiori::policy {

struct RenewalFacts {
  v1::PatronCategory category = v1::RESIDENT;
  absl::CivilDay due_date;
  int renewals = 0;              // renewals made so far
  int waiting_reservations = 0;  // of the loan's title (B2: nobody has reserved it)
  absl::CivilDay today;
};

// OK, or FAILED_PRECONDITION with one reason, in this order: RENEWAL_NOT_ALLOWED_FOR_CATEGORY (P2),
// RENEWAL_BLOCKED_BY_OVERDUE, RENEWAL_BLOCKED_BY_RESERVATION, RENEWAL_LIMIT_REACHED (all B2).
absl::Status DecideRenewal(const v1::Policy& policy, const RenewalFacts& facts);

// B1/B3: overdue only after the end of the due date (returned on the due date is on time).
inline bool Overdue(absl::CivilDay due_date, absl::CivilDay today) { return today > due_date; }

// B2, B3: whether a renewal today moves the due date at all: `renewed` is the renewal period from today, moved
// off the lending library's closed days. OK when it is later than `current`; otherwise FAILED_PRECONDITION
// RENEWAL_NOT_EXTENDING (a renewal on the day of the loan, or of a loan a closure had already moved later,
// would use up the one renewal and change nothing, or even shorten the loan). Decided after DecideRenewal.
absl::Status DecideRenewedDueDate(absl::CivilDay current, absl::CivilDay renewed);

// B1: renewals the loan still has.
int RenewalsLeft(const v1::Policy& policy, int renewals);

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_RENEWAL_RULES_H_
