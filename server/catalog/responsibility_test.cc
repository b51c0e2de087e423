// Tests of reading roles out of a Japanese statement of responsibility (245$c) (C1, names compared per C2).
#include "server/catalog/responsibility.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shiori::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ParseResponsibilityTest, SplitsNamesAndRoles) {  // C1
  const auto parts = ParseResponsibility("植村八潮, 野口武悟, 電子出版制作・流通協議会 編著 ; 宮入弘光 [著].");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_THAT(parts[0].names, ElementsAre("植村八潮", "野口武悟", "電子出版制作・流通協議会"));
  EXPECT_EQ(parts[0].role, "編著");
  EXPECT_THAT(parts[1].names, ElementsAre("宮入弘光"));
  EXPECT_EQ(parts[1].role, "著");  // brackets dropped
  EXPECT_THAT(ParseResponsibility(""), IsEmpty());
  EXPECT_THAT(ParseResponsibility("萩野正昭著"), IsEmpty());  // no space: no role to tell
}

struct RoleCase {
  const char* rule;
  const char* statement;
  ResponsibilityHeading heading;
  const char* role;
};

TEST(RoleInResponsibilityTest, Table) {
  const RoleCase cases[] = {
      {"C1", "萩野正昭 著.", {.name = "萩野, 正昭"}, "著"},
      {"C1", "中島誠之 著 ; 柳沢智子 編", {.name = "柳沢, 智子"}, "編"},
      {"C2", "Frank H.Netter 著 ; 相磯貞和 訳", {.name = "Netter, Frank H."}, "著"},  // given-family order
      {"C2", "電子出版制作・流通協議会 編", {.name = "電子出版制作流通協議会", .corporate = true}, "編"},
      {"C2", "いけがみしゅんいち 文 ; せきぐちよしみ 絵",
       {.name = "関口, 喜美", .name_kana = "セキグチ, ヨシミ"}, "絵"},  // printed in kana
      {"C1", "日本図書館情報学会研究委員会 編", {.name = "日本図書館情報学会", .corporate = true}, "編"},
      {"C1", "インプレス総合研究所 著・編", {.name = "インプレス (2014年)", .corporate = true}, "著・編"},
      {"C1", "日本図書館情報学会研究委員会 編", {.name = "日本図書館"}, ""},  // a person is never a prefix match
      {"C1", "酒井邦嘉 著", {.name = "萩野, 正昭"}, ""},
      {"C1", "", {.name = "萩野, 正昭"}, ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(RoleInResponsibility(ParseResponsibility(c.statement), c.heading), c.role)
        << c.rule << ": " << c.statement << " / " << c.heading.name;
  }
}

}  // namespace
}  // namespace shiori::catalog
