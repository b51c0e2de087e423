// See reservation_rules.h.
#include "server/policy/reservation_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "server/common/error.h"
#include "server/policy/policy_config.h"

namespace shiori::policy {

bool TitleReservable(const v1::Policy& policy, const std::vector<v1::MaterialType>& copy_types) {
  return std::any_of(copy_types.begin(), copy_types.end(), [&](v1::MaterialType t) {
    const v1::MaterialTypePolicy* m = FindMaterialType(policy, t);
    return m != nullptr && m->reservable();
  });
}

bool CategoryMayReserve(const v1::Policy& policy, v1::PatronCategory category) {
  const auto& barred = policy.reservation().categories_not_allowed();
  return std::find(barred.begin(), barred.end(), category) == barred.end();
}

bool CountsTowardsLimit(const v1::Policy& policy, v1::ReservationState state) {
  const auto& states = policy.reservation().counted_states();
  return std::find(states.begin(), states.end(), state) != states.end();
}

absl::Status DecidePlacement(const v1::Policy& policy, const PlacementFacts& facts) {
  if (!CategoryMayReserve(policy, facts.category)) {
    return Error(absl::StatusCode::kFailedPrecondition, "WIDE_AREA_PATRON_CANNOT_RESERVE",
                 "広域利用者の方は予約できません（貸出期間の延長はできます）")
        .Rule("R6")
        .Meta("category", v1::PatronCategory_Name(facts.category))
        .English("wide-area patrons cannot place reservations");
  }
  if (!TitleReservable(policy, facts.copy_types)) {
    std::string type = facts.copy_types.empty() ? "NONE" : v1::MaterialType_Name(facts.copy_types.front());
    const v1::MaterialTypePolicy* m =
        facts.copy_types.empty() ? nullptr : FindMaterialType(policy, facts.copy_types.front());
    std::string shown = m != nullptr ? m->display_name() : "所蔵なし";
    return Error(absl::StatusCode::kFailedPrecondition, "NOT_RESERVABLE_MATERIAL",
                 absl::StrCat("この資料（", shown, "）は予約できません。視聴覚資料・まんが・禁帯出資料は予約できません"))
        .Rule("R4")
        .Meta("material_type", type)
        .English("audio-visual, manga and not-for-loan materials cannot be reserved");
  }
  if (facts.patron_already_reserved) {
    return Error(absl::StatusCode::kFailedPrecondition, "ALREADY_RESERVED", "この資料はすでにご予約いただいています")
        .Rule("R7")
        .English("you have already reserved this title");
  }
  if (facts.patron_has_it_on_loan) {
    return Error(absl::StatusCode::kFailedPrecondition, "ALREADY_ON_LOAN", "この資料は現在お借りになっています")
        .Rule("R7")
        .English("you have this title on loan now");
  }
  const int limit = policy.reservation().limit();
  if (facts.counted_reservations >= limit) {
    return Error(absl::StatusCode::kFailedPrecondition, "HOLD_LIMIT_REACHED",
                 absl::StrCat("予約は", limit, "冊までです（用意できたものも含みます）"))
        .Rule("R3")
        .Meta("limit", std::to_string(limit))
        .Meta("current", std::to_string(facts.counted_reservations))
        .English(absl::StrCat("at most ", limit, " reservations, counting those ready"));
  }
  return absl::OkStatus();
}

}  // namespace shiori::policy
