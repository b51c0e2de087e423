// See renewal_rules.h.
#include "server/policy/renewal_rules.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/common/error.h"

namespace shiori::policy {

int RenewalsLeft(const v1::Policy& policy, int renewals) {
  return std::max(0, policy.renewal().max_renewals() - renewals);
}

absl::Status DecideRenewal(const v1::Policy& policy, const RenewalFacts& facts) {
  const auto& allowed = policy.renewal().categories_allowed();
  if (std::find(allowed.begin(), allowed.end(), facts.category) == allowed.end()) {
    return Error(absl::StatusCode::kFailedPrecondition, "RENEWAL_NOT_ALLOWED_FOR_CATEGORY",
                 "この利用者区分では延長できません")
        .Rule("B2")
        .Meta("category", v1::PatronCategory_Name(facts.category))
        .English("this patron category may not renew");
  }
  if (policy.renewal().blocked_by_overdue() && Overdue(facts.due_date, facts.today)) {
    return Error(absl::StatusCode::kFailedPrecondition, "RENEWAL_BLOCKED_BY_OVERDUE",
                 "返却期限を過ぎているため延長できません")
        .Rule("B2")
        .Meta("due_date", absl::FormatCivilTime(facts.due_date))
        .English("an overdue loan cannot be renewed");
  }
  if (policy.renewal().blocked_by_reservation() && facts.waiting_reservations > 0) {
    return Error(absl::StatusCode::kFailedPrecondition, "RENEWAL_BLOCKED_BY_RESERVATION",
                 "この資料は予約が入っているため延長できません")
        .Rule("B2")
        .Meta("waiting", std::to_string(facts.waiting_reservations))
        .English("the title is reserved by another patron");
  }
  if (facts.renewals >= policy.renewal().max_renewals()) {
    return Error(absl::StatusCode::kFailedPrecondition, "RENEWAL_LIMIT_REACHED",
                 absl::StrCat("延長は", policy.renewal().max_renewals(), "回までです"))
        .Rule("B2")
        .Meta("limit", std::to_string(policy.renewal().max_renewals()))
        .English("the loan has already been renewed");
  }
  return absl::OkStatus();
}

absl::Status DecideRenewedDueDate(absl::CivilDay current, absl::CivilDay renewed) {
  if (renewed > current) return absl::OkStatus();
  return Error(absl::StatusCode::kFailedPrecondition, "RENEWAL_NOT_EXTENDING",
               absl::StrCat("今日延長しても返却期限（", absl::FormatCivilTime(current), "）は延びないため、延長できません"))
      .Rule("B2")
      .Meta("due_date", absl::FormatCivilTime(current))
      .Meta("renewed_due_date", absl::FormatCivilTime(renewed))
      .English("renewing today would not move the due date later");
}

}  // namespace shiori::policy
