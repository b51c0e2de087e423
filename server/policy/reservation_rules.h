// Whether a patron may reserve a title (rules R3, R4, R5, R6, R7). Pure: the facts are loaded by app/.
#ifndef SHIORI_SERVER_POLICY_RESERVATION_RULES_H_
#define SHIORI_SERVER_POLICY_RESERVATION_RULES_H_

#include <vector>

#include "absl/status/status.h"
#include "shiori/v1/common.pb.h"
#include "shiori/v1/policy.pb.h"

namespace shiori::policy {

struct PlacementFacts {
  v1::PatronCategory category = v1::RESIDENT;
  // Reservations of this patron in the states the policy counts (R3).
  int counted_reservations = 0;
  // The material types of the title's copies (R4). A title with no copies is not reservable.
  std::vector<v1::MaterialType> copy_types;
  bool patron_already_reserved = false;  // R7
  bool patron_has_it_on_loan = false;    // R7
};

// OK, or FAILED_PRECONDITION with one reason, checked in this order:
//   R6 WIDE_AREA_PATRON_CANNOT_RESERVE, R4 NOT_RESERVABLE_MATERIAL, R7 ALREADY_RESERVED, R7 ALREADY_ON_LOAN,
//   R3 HOLD_LIMIT_REACHED (metadata limit, current).
absl::Status DecidePlacement(const v1::Policy& policy, const PlacementFacts& facts);

// R6: whether patrons of `category` may place reservations at all (wide-area patrons may not).
bool CategoryMayReserve(const v1::Policy& policy, v1::PatronCategory category);

// R4: a title is reservable when at least one of its copies is of a reservable type.
bool TitleReservable(const v1::Policy& policy, const std::vector<v1::MaterialType>& copy_types);

// R3: whether a reservation in this state counts towards the limit.
bool CountsTowardsLimit(const v1::Policy& policy, v1::ReservationState state);

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_RESERVATION_RULES_H_
