// The guide's fixed values: the repository's policy file keeps every one of them, and a file that changes one is
// told so, naming the rule, the field and both values.
#include "server/policy/seed_values.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_replace.h"
#include "server/policy/default_policy_text.h"
#include "server/policy/policy_config.h"

namespace shiori::policy {
namespace {

using ::testing::IsEmpty;

v1::Policy Parsed(const std::string& text) {
  auto policy = ParsePolicy(text);
  EXPECT_TRUE(policy.ok()) << policy.status();
  return policy.ok() ? *policy : v1::Policy();
}

// The deviations of the repository's policy file with these texts replaced.
std::vector<SeedDeviation> DeviationsAfter(
    std::initializer_list<std::pair<absl::string_view, absl::string_view>> edits) {
  return SeedDeviations(Parsed(absl::StrReplaceAll(DefaultPolicyText(), edits)));
}

TEST(SeedValuesTest, TheRepositoryPolicyKeepsTheGuide) {  // R3, R4, R5, R6, R11, B2, P6, P7, N1, N4, N5
  EXPECT_THAT(SeedDeviations(Parsed(DefaultPolicyText())), IsEmpty());
}

TEST(SeedValuesTest, AChangedLimitIsNamedWithBothValues) {  // R3, R11
  auto found = DeviationsAfter({{"limit: 10  # R3", "limit: 12  # R3"}, {"period_days: 7", "period_days: 14"}});
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].rule, "R3");
  EXPECT_EQ(found[0].field, "reservation.limit");
  EXPECT_EQ(found[0].guide, "10");
  EXPECT_EQ(found[0].policy, "12");
  EXPECT_EQ(Describe(found[0]), "R3 reservation.limit is 12 where the library's guide says 10");
  EXPECT_EQ(found[1].rule, "R11");
  EXPECT_EQ(found[1].policy, "14");
}

TEST(SeedValuesTest, AReservableVideoAndAReservingWideAreaPatronAreNamed) {  // R4, R6
  auto found = DeviationsAfter(
      {{"display_name: \"映像\" reservable: false", "display_name: \"映像\" reservable: true"},
       {"categories_not_allowed: [WIDE_AREA]", "categories_not_allowed: []"}});
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].rule, "R6");
  EXPECT_EQ(found[0].guide, "[WIDE_AREA]");
  EXPECT_EQ(found[0].policy, "[]");
  EXPECT_EQ(found[1].rule, "R4");
  EXPECT_EQ(found[1].field, "material_types[VIDEO].reservable");
}

// Both ways: a book made unreservable, or residents barred from reserving, is as much a change of the guide.
TEST(SeedValuesTest, AnUnreservableBookAndABarredResidentAreNamed) {  // R1, R4, P1, R6
  auto found = DeviationsAfter(
      {{"display_name: \"一般書\" reservable: true", "display_name: \"一般書\" reservable: false"},
       {"categories_not_allowed: [WIDE_AREA]", "categories_not_allowed: [WIDE_AREA, RESIDENT]"}});
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].rule, "R6");
  EXPECT_EQ(found[0].policy, "[RESIDENT, WIDE_AREA]");
  EXPECT_EQ(found[1].field, "material_types[GENERAL_BOOK].reservable");
  EXPECT_EQ(found[1].guide, "true");
}

TEST(SeedValuesTest, SearchedTypesAreComparedAsASet) {  // N5
  auto found = DeviationsAfter(
      {{"searched_types: [GENERAL_BOOK, CHILDREN_BOOK]", "searched_types: [CHILDREN_BOOK, GENERAL_BOOK, MAGAZINE]"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].guide, "[GENERAL_BOOK, CHILDREN_BOOK]");
  EXPECT_EQ(found[0].policy, "[GENERAL_BOOK, CHILDREN_BOOK, MAGAZINE]");
}

}  // namespace
}  // namespace shiori::policy
