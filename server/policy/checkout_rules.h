// Whether a copy may be lent to a patron (B4, C3, C4, R5) and for how long. Pure: app/ loads the facts.
#ifndef SHIORI_SERVER_POLICY_CHECKOUT_RULES_H_
#define SHIORI_SERVER_POLICY_CHECKOUT_RULES_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "shiori/v1/common.pb.h"
#include "shiori/v1/policy.pb.h"

namespace shiori::policy {

struct CheckoutFacts {
  bool patron_blocked = false;
  v1::MaterialType material_type = v1::GENERAL_BOOK;
  bool latest_issue = false;        // the copy is of the latest issue of a magazine (R5)
  bool on_loan = false;             // the copy has an open loan (to anyone: the same patron is a duplicate)
  bool secured_for_another = false; // held (secured or in transit) for another patron's reservation
  // R8, R9: the title's waiting reservations ahead of this patron (all of them when the patron has none
  // waiting), and the title's other copies that can serve them: free on a shelf (on a pull list), or held for
  // this patron elsewhere (the loan passes it on). A copy on a shelf is given to the first in the queue; lending
  // it must leave a copy for everyone ahead.
  int reservations_ahead = 0;
  int other_free_copies = 0;
  // Material types of the patron's open loans (C4 counts them per loan-limit group).
  std::vector<v1::MaterialType> open_loan_types;
};

// OK, or FAILED_PRECONDITION with one reason, checked in this order:
//   PATRON_BLOCKED (B4), NOT_FOR_LOAN (C3), LATEST_ISSUE_NOT_FOR_LOAN (R5), COPY_ON_LOAN (B4),
//   COPY_SECURED_FOR_ANOTHER (B4), COPY_NEEDED_FOR_RESERVATION (R9; metadata reservations_ahead),
//   LOAN_LIMIT_REACHED (C4; metadata group, limit, current).
absl::Status DecideCheckout(const v1::Policy& policy, const CheckoutFacts& facts);

// Whether copies of this type and issue can be lent at all (C3, R5): also decides whether routing may give
// such a copy to a reservation.
bool Lendable(const v1::Policy& policy, v1::MaterialType type, bool latest_issue);

// The loan period of a material type in days (C4); 0 for a type that is not lent.
int LoanPeriodDays(const v1::Policy& policy, v1::MaterialType type);

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_CHECKOUT_RULES_H_
