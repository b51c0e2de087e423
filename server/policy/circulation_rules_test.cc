// Tests of checkout_rules.h, renewal_rules.h and copy_routing_rules.h against the real policy file; one row a
// scenario naming its rule (B1–B4, C3, C4, R5, R9, R12).
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/common/error.h"
#include "server/policy/checkout_rules.h"
#include "server/policy/copy_routing_rules.h"
#include "server/policy/policy_config.h"
#include "server/policy/renewal_rules.h"

namespace shiori::policy {
namespace {

using v1::MaterialType;

v1::Policy RealPolicy() {
  std::ifstream in(std::string(SHIORI_SOURCE_DIR) + "/config/policy.textproto");
  std::stringstream text;
  text << in.rdbuf();
  auto p = ParsePolicy(text.str());
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *p : v1::Policy();
}

std::vector<MaterialType> Repeat(MaterialType t, int n) { return std::vector<MaterialType>(n, t); }

struct CheckoutCase {
  const char* rule;
  const char* name;
  CheckoutFacts facts;
  const char* reason;  // "" for OK
};

TEST(CheckoutRulesTest, Table) {
  const v1::Policy policy = RealPolicy();
  const std::vector<CheckoutCase> cases = {
      {"B4", "a general book to a patron with nothing", {}, ""},
      {"B4", "blocked patron", {.patron_blocked = true}, "PATRON_BLOCKED"},
      {"C3", "reference is not for loan", {.material_type = v1::REFERENCE}, "NOT_FOR_LOAN"},
      {"C3", "local history is not for loan", {.material_type = v1::LOCAL_HISTORY}, "NOT_FOR_LOAN"},
      {"C3", "administrative is not for loan", {.material_type = v1::ADMINISTRATIVE}, "NOT_FOR_LOAN"},
      {"R5", "latest magazine issue", {.material_type = v1::MAGAZINE, .latest_issue = true},
       "LATEST_ISSUE_NOT_FOR_LOAN"},
      {"R5", "an older magazine issue", {.material_type = v1::MAGAZINE}, ""},
      {"B4", "copy already on loan", {.on_loan = true}, "COPY_ON_LOAN"},
      {"B4", "copy secured for another patron", {.secured_for_another = true}, "COPY_SECURED_FOR_ANOTHER"},
      {"C4", "14 books: one more is fine", {.open_loan_types = Repeat(v1::GENERAL_BOOK, 14)}, ""},
      {"C4", "15 books: limit", {.open_loan_types = Repeat(v1::GENERAL_BOOK, 15)}, "LOAN_LIMIT_REACHED"},
      {"C4", "magazines count with books",
       {.material_type = v1::MAGAZINE, .open_loan_types = Repeat(v1::CHILDREN_BOOK, 15)}, "LOAN_LIMIT_REACHED"},
      {"C4", "2 AV items: limit", {.material_type = v1::VIDEO, .open_loan_types = {v1::AUDIO, v1::VIDEO}},
       "LOAN_LIMIT_REACHED"},
      {"C4", "15 books do not stop a CD", {.material_type = v1::AUDIO,
                                           .open_loan_types = Repeat(v1::GENERAL_BOOK, 15)}, ""},
      {"C4", "2 AV items do not stop a book", {.open_loan_types = {v1::AUDIO, v1::VIDEO}}, ""},
      {"B4", "blocked is reported before not-for-loan", {.patron_blocked = true, .material_type = v1::REFERENCE},
       "PATRON_BLOCKED"},
  };
  for (const auto& c : cases) {
    absl::Status s = DecideCheckout(policy, c.facts);
    EXPECT_EQ(ReasonOf(s), c.reason) << c.rule << ": " << c.name << " → " << s;
    if (*c.reason != '\0') EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << c.name;
  }
}

TEST(CheckoutRulesTest, LoanPeriods) {
  const v1::Policy policy = RealPolicy();
  EXPECT_EQ(LoanPeriodDays(policy, v1::GENERAL_BOOK), 21);  // C4: 3 weeks
  EXPECT_EQ(LoanPeriodDays(policy, v1::MAGAZINE), 21);      // C4
  EXPECT_EQ(LoanPeriodDays(policy, v1::VIDEO), 14);         // C4: AV 2 weeks
  EXPECT_EQ(LoanPeriodDays(policy, v1::REFERENCE), 0);      // C3
  EXPECT_FALSE(Lendable(policy, v1::MAGAZINE, /*latest_issue=*/true));  // R5
  EXPECT_TRUE(Lendable(policy, v1::MAGAZINE, false));                   // R5
  EXPECT_FALSE(Lendable(policy, v1::REFERENCE, false));                 // C3
}

struct RenewalCase {
  const char* rule;
  const char* name;
  RenewalFacts facts;
  const char* reason;
};

TEST(RenewalRulesTest, Table) {
  const v1::Policy policy = RealPolicy();
  const absl::CivilDay today(2026, 3, 10);
  const std::vector<RenewalCase> cases = {
      {"B2", "not overdue, not reserved, never renewed", {.due_date = today + 3, .today = today}, ""},
      {"B3", "due today is not overdue", {.due_date = today, .today = today}, ""},
      {"B2", "overdue", {.due_date = today - 1, .today = today}, "RENEWAL_BLOCKED_BY_OVERDUE"},
      {"B2", "reserved by someone", {.due_date = today + 3, .waiting_reservations = 1, .today = today},
       "RENEWAL_BLOCKED_BY_RESERVATION"},
      {"B2", "already renewed once", {.due_date = today + 3, .renewals = 1, .today = today},
       "RENEWAL_LIMIT_REACHED"},
      {"P2", "wide-area patrons may renew", {.category = v1::WIDE_AREA, .due_date = today, .today = today}, ""},
      {"B2", "overdue wins over reserved",
       {.due_date = today - 5, .renewals = 1, .waiting_reservations = 2, .today = today},
       "RENEWAL_BLOCKED_BY_OVERDUE"},
  };
  for (const auto& c : cases) {
    absl::Status s = DecideRenewal(policy, c.facts);
    EXPECT_EQ(ReasonOf(s), c.reason) << c.rule << ": " << c.name << " → " << s;
    if (*c.reason != '\0') EXPECT_EQ(MetadataOf(s, "rule"), "B2") << c.name;
  }
  EXPECT_EQ(RenewalsLeft(policy, 0), 1);  // B1
  EXPECT_EQ(RenewalsLeft(policy, 1), 0);  // B1
  EXPECT_TRUE(Overdue(today - 1, today));   // B1
  EXPECT_FALSE(Overdue(today, today));      // B3: on time up to the end of the due date
  EXPECT_TRUE(DecideRenewedDueDate(today + 3, today + 21).ok());  // B2: three weeks from the renewal
  // A renewal that would not move the due date later (on the day of the loan; after a closure moved it) is
  // refused rather than used up for nothing, or for a shorter loan.
  for (absl::CivilDay current : {today + 21, today + 30}) {
    absl::Status s = DecideRenewedDueDate(current, today + 21);
    EXPECT_EQ(ReasonOf(s), "RENEWAL_NOT_EXTENDING") << current;
    EXPECT_EQ(MetadataOf(s, "rule"), "B2");
  }
}

struct RouteCase {
  const char* rule;
  const char* name;
  FreeCopy copy;
  Route::Kind kind;
  int64_t reservation_id;
  const char* library;
};

TEST(CopyRoutingRulesTest, Table) {
  const std::vector<RouteCase> cases = {
      {"R9", "first reservation picks up here", {"main", "main", true, {{7, "main"}, {8, "branch"}}},
       Route::Kind::kSecureHere, 7, "main"},
      {"R9", "first reservation picks up elsewhere", {"main", "main", true, {{7, "branch"}, {8, "main"}}},
       Route::Kind::kSendForReservation, 7, "branch"},
      {"R9", "no reservation, at home", {"main", "main", true, {}}, Route::Kind::kShelve, 0, "main"},
      {"R12", "no reservation, away from home", {"branch", "main", true, {}}, Route::Kind::kSendHome, 0, "main"},
      {"R5", "latest issue serves no one yet", {"main", "main", false, {{7, "main"}}}, Route::Kind::kShelve, 0,
       "main"},
      {"R5", "latest issue away from home goes home", {"branch", "main", false, {{7, "branch"}}},
       Route::Kind::kSendHome, 0, "main"},
  };
  for (const auto& c : cases) {
    Route r = RouteFreeCopy(c.copy);
    EXPECT_EQ(r.kind, c.kind) << c.rule << ": " << c.name;
    EXPECT_EQ(r.reservation_id, c.reservation_id) << c.rule << ": " << c.name;
    EXPECT_EQ(r.library, c.library) << c.rule << ": " << c.name;
  }
}

TEST(CopyRoutingRulesTest, ExpiryNeverOnTheDeadline) {
  const absl::CivilDay deadline(2026, 3, 17);
  EXPECT_FALSE(HoldExpired(deadline, deadline - 1));  // R12
  EXPECT_FALSE(HoldExpired(deadline, deadline));      // R12: never on the deadline day itself
  EXPECT_TRUE(HoldExpired(deadline, deadline + 1));   // R12
}

}  // namespace
}  // namespace shiori::policy
