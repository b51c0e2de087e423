// See checkout_rules.h.
#include "server/policy/checkout_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "server/common/error.h"
#include "server/policy/policy_config.h"

namespace shiori::policy {
namespace {

int GroupLimit(const v1::Policy& policy, const std::string& group) {
  for (const auto& g : policy.loan_limit_groups()) {
    if (g.name() == group) return g.limit();
  }
  return 0;
}

std::string GroupOf(const v1::Policy& policy, v1::MaterialType type) {
  const v1::MaterialTypePolicy* m = FindMaterialType(policy, type);
  return m != nullptr ? m->loan_limit_group() : "";
}

}  // namespace

bool Lendable(const v1::Policy& policy, v1::MaterialType type, bool latest_issue) {
  const v1::MaterialTypePolicy* m = FindMaterialType(policy, type);
  if (m == nullptr || !m->loanable()) return false;
  return !(latest_issue && policy.magazine().latest_issue_not_for_loan());
}

int LoanPeriodDays(const v1::Policy& policy, v1::MaterialType type) {
  const v1::MaterialTypePolicy* m = FindMaterialType(policy, type);
  return m != nullptr && m->loanable() ? m->loan_period_days() : 0;
}

absl::Status DecideCheckout(const v1::Policy& policy, const CheckoutFacts& facts) {
  if (facts.patron_blocked) {
    return Error(absl::StatusCode::kFailedPrecondition, "PATRON_BLOCKED",
                 "この利用者は現在貸出できません。カウンターでご確認ください")
        .Rule("B4")
        .English("the patron is blocked from borrowing");
  }
  const v1::MaterialTypePolicy* m = FindMaterialType(policy, facts.material_type);
  if (m == nullptr || !m->loanable()) {
    return Error(absl::StatusCode::kFailedPrecondition, "NOT_FOR_LOAN",
                 absl::StrCat("この資料（", m != nullptr ? m->display_name() : "不明", "）は禁帯出です"))
        .Rule("C3")
        .Meta("material_type", v1::MaterialType_Name(facts.material_type))
        .English("this copy is not for loan");
  }
  if (facts.latest_issue && policy.magazine().latest_issue_not_for_loan()) {
    return Error(absl::StatusCode::kFailedPrecondition, "LATEST_ISSUE_NOT_FOR_LOAN",
                 "雑誌の最新号は次の号が届くまで貸出できません")
        .Rule("R5")
        .English("the latest issue of a magazine is lent only after the next issue arrives");
  }
  if (facts.on_loan) {
    return Error(absl::StatusCode::kFailedPrecondition, "COPY_ON_LOAN",
                 "この資料は貸出中です。先に返却処理をしてください")
        .Rule("B4")
        .English("the copy is already on loan");
  }
  if (facts.secured_for_another) {
    return Error(absl::StatusCode::kFailedPrecondition, "COPY_SECURED_FOR_ANOTHER",
                 "この資料は他の利用者の予約のために確保されています")
        .Rule("B4")
        .English("the copy is held for another patron's reservation");
  }
  if (facts.reservations_ahead > facts.other_free_copies) {
    return Error(absl::StatusCode::kFailedPrecondition, "COPY_NEEDED_FOR_RESERVATION",
                 "この資料は予約の順番を待っている方のものです。返却処理をすると予約に回ります")
        .Rule("R9")
        .Meta("reservations_ahead", std::to_string(facts.reservations_ahead))
        .English("the copy goes to a reservation ahead in the queue: check it in to route it");
  }
  const std::string group = GroupOf(policy, facts.material_type);
  const int limit = GroupLimit(policy, group);
  const int current = static_cast<int>(std::count_if(
      facts.open_loan_types.begin(), facts.open_loan_types.end(),
      [&](v1::MaterialType t) { return GroupOf(policy, t) == group; }));
  if (limit > 0 && current >= limit) {
    return Error(absl::StatusCode::kFailedPrecondition, "LOAN_LIMIT_REACHED",
                 absl::StrCat("この種類の資料は", limit, "点まで借りられます（現在", current, "点）"))
        .Rule("C4")
        .Meta("group", group)
        .Meta("limit", std::to_string(limit))
        .Meta("current", std::to_string(current))
        .English(absl::StrCat("at most ", limit, " loans of this kind at once"));
  }
  return absl::OkStatus();
}

}  // namespace shiori::policy
