// See seed_values.h.
#include "server/policy/seed_values.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace shiori::policy {
namespace {

using google::protobuf::EnumDescriptor;

std::string NameOf(int value, const EnumDescriptor* type) {
  const auto* v = type->FindValueByNumber(value);
  return v != nullptr ? v->name() : absl::StrCat(value);
}

std::string NamesOf(const std::set<int>& values, const EnumDescriptor* type) {
  std::vector<std::string> names;
  for (int v : values) names.push_back(NameOf(v, type));
  return absl::StrCat("[", absl::StrJoin(names, ", "), "]");
}

template <typename Repeated>
std::set<int> SetOf(const Repeated& values) {
  return std::set<int>(values.begin(), values.end());
}

class Checker {
 public:
  void Number(const char* rule, const std::string& field, int guide, int policy) {
    if (guide != policy) out.push_back({rule, field, absl::StrCat(guide), absl::StrCat(policy)});
  }
  void Flag(const char* rule, const std::string& field, bool guide, bool policy) {
    if (guide != policy) out.push_back({rule, field, guide ? "true" : "false", policy ? "true" : "false"});
  }
  void Set(const char* rule, const std::string& field, const std::set<int>& guide, const std::set<int>& policy,
           const EnumDescriptor* type) {
    if (guide != policy) out.push_back({rule, field, NamesOf(guide, type), NamesOf(policy, type)});
  }
  std::vector<SeedDeviation> out;
};

}  // namespace

std::vector<SeedDeviation> SeedDeviations(const v1::Policy& p) {
  Checker c;
  c.Number("R3", "reservation.limit", 10, p.reservation().limit());
  c.Set("R3", "reservation.counted_states", {v1::WAITING, v1::IN_TRANSIT, v1::SECURED},
        SetOf(p.reservation().counted_states()), v1::ReservationState_descriptor());
  // P1, R6: residents, workers and students reserve; wide-area patrons do not.
  c.Set("R6", "reservation.categories_not_allowed", {v1::WIDE_AREA}, SetOf(p.reservation().categories_not_allowed()),
        v1::PatronCategory_descriptor());
  // R4: audio-visual, manga and what is not for loan cannot be reserved; everything else that is lent can (R1).
  for (const v1::MaterialTypePolicy& m : p.material_types()) {
    const bool guide = m.loanable() && m.type() != v1::AUDIO && m.type() != v1::VIDEO && m.type() != v1::MANGA;
    c.Flag("R4", absl::StrCat("material_types[", v1::MaterialType_Name(m.type()), "].reservable"), guide,
           m.reservable());
  }
  c.Number("R11", "hold_shelf.period_days", 7, p.hold_shelf().period_days());
  c.Number("B2", "renewal.max_renewals", 1, p.renewal().max_renewals());
  c.Number("B2", "renewal.period_days", 21, p.renewal().period_days());
  // P1, P2: every category renews, wide-area patrons too.
  c.Set("P2", "renewal.categories_allowed", {v1::RESIDENT, v1::WORKER, v1::STUDENT, v1::WIDE_AREA},
        SetOf(p.renewal().categories_allowed()), v1::PatronCategory_descriptor());
  c.Flag("R5", "magazine.latest_issue_not_for_loan", true, p.magazine().latest_issue_not_for_loan());
  c.Flag("R5", "magazine.latest_issue_reservable", true, p.magazine().latest_issue_reservable());
  c.Number("P7", "account.max_email_addresses", 2, p.account().max_email_addresses());
  c.Number("P6", "password.min_length", 4, p.password().min_length());
  c.Number("P6", "password.max_length", 10, p.password().max_length());
  c.Number("N1", "new_arrival.max_items_per_mail", 10, p.new_arrival().max_items_per_mail());
  c.Number("N4", "new_arrival.max_keywords", 10, p.new_arrival().max_keywords());
  c.Number("N4", "new_arrival.min_keyword_length", 2, p.new_arrival().min_keyword_length());
  c.Set("N5", "new_arrival.searched_types", {v1::GENERAL_BOOK, v1::CHILDREN_BOOK},
        SetOf(p.new_arrival().searched_types()), v1::MaterialType_descriptor());
  return c.out;
}

std::string Describe(const SeedDeviation& d) {
  return absl::StrCat(d.rule, " ", d.field, " is ", d.policy, " where the library's guide says ", d.guide);
}

}  // namespace shiori::policy
