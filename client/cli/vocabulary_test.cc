// How the CLI reads and prints the library's words.
#include "vocabulary.h"

#include <gtest/gtest.h>

namespace shiori::cli {
namespace {

TEST(ParseMaterialType, ProtoNamesAndJapanese) {  // C3
  struct Row {
    const char* text;
    v1::MaterialType want;
  } rows[] = {
      {"general_book", v1::GENERAL_BOOK}, {"GENERAL_BOOK", v1::GENERAL_BOOK}, {"一般書", v1::GENERAL_BOOK},
      {"children_book", v1::CHILDREN_BOOK}, {"児童書", v1::CHILDREN_BOOK},  {"雑誌", v1::MAGAZINE},
      {"foreign_book", v1::FOREIGN_BOOK},   {"洋書", v1::FOREIGN_BOOK},     {"音響", v1::AUDIO},
      {"video", v1::VIDEO},                 {"映像", v1::VIDEO},            {"manga", v1::MANGA},
      {"まんが", v1::MANGA},                {"参考資料", v1::REFERENCE},     {"郷土資料", v1::LOCAL_HISTORY},
      {"行政資料", v1::ADMINISTRATIVE},     {"借受", v1::INTERLIBRARY_BORROWED},
      {" magazine ", v1::MAGAZINE},
  };
  for (const auto& row : rows) {
    auto got = ParseMaterialType(row.text);
    ASSERT_TRUE(got.has_value()) << row.text;
    EXPECT_EQ(*got, row.want) << row.text;
    EXPECT_EQ(ParseMaterialType(MaterialTypeToken(row.want)), row.want);
    EXPECT_EQ(ParseMaterialType(MaterialTypeJa(row.want)), row.want);
  }
  for (const char* bad : {"", "book", "material_type_unspecified", "本"}) {
    EXPECT_FALSE(ParseMaterialType(bad).has_value()) << bad;
  }
}

TEST(ParseNotifyMethod, EmailOrTelephone) {  // R2
  EXPECT_EQ(ParseNotifyMethod("email"), v1::EMAIL);
  EXPECT_EQ(ParseNotifyMethod("メール"), v1::EMAIL);
  EXPECT_EQ(ParseNotifyMethod("phone"), v1::TELEPHONE);
  EXPECT_EQ(ParseNotifyMethod("Telephone"), v1::TELEPHONE);
  EXPECT_EQ(ParseNotifyMethod("電話"), v1::TELEPHONE);
  EXPECT_FALSE(ParseNotifyMethod("fax").has_value());
}

TEST(FormatDate, CivilDateWithJapaneseWeekday) {  // L3: a due date is a civil date
  google::type::Date d;
  EXPECT_EQ(FormatDate(d), "");
  d.set_year(2026);
  d.set_month(12);
  d.set_day(10);
  EXPECT_EQ(FormatDate(d), "2026-12-10(木)");
  d.set_month(12);
  d.set_day(28);
  EXPECT_EQ(FormatDate(d), "2026-12-28(月)");
}

TEST(FormatTimestamp, ShownInTokyoTime) {  // L3: stored in UTC, shown in Asia/Tokyo
  EXPECT_EQ(FormatTimestamp("2026-12-09T15:30:00Z"), "2026-12-10 00:30");
  EXPECT_EQ(FormatTimestamp("not a time"), "not a time");
}

TEST(Vocabulary, RenewalSaysWhyNot) {  // B1, B2: 延長 is refused for an overdue or reserved loan, whatever is left
  EXPECT_EQ(RenewalJa("", 1), "可 (あと1回)");
  EXPECT_EQ(RenewalJa("RENEWAL_BLOCKED_BY_OVERDUE", 1), "不可 (延滞)");
  EXPECT_EQ(RenewalJa("RENEWAL_BLOCKED_BY_RESERVATION", 1), "不可 (予約あり)");
  EXPECT_EQ(RenewalJa("RENEWAL_LIMIT_REACHED", 0), "不可 (延長済)");
  EXPECT_EQ(RenewalJa("RENEWAL_NOT_EXTENDING", 1), "不可 (期限は延びない)");
  EXPECT_EQ(RenewalJa("SOMETHING_NEW", 1), "不可");
}

TEST(Vocabulary, StatesAsPatronsSeeThem) {  // R13
  EXPECT_EQ(ReservationStateJa(v1::WAITING), "予約中");
  EXPECT_EQ(ReservationStateJa(v1::IN_TRANSIT), "回送中");
  EXPECT_EQ(ReservationStateJa(v1::SECURED), "確保済");
  EXPECT_EQ(AvailabilityJa(v1::AVAILABILITY_ON_SHELF), "在架");
  EXPECT_EQ(ShortId("libraries/main"), "main");
  EXPECT_EQ(ShortId("12"), "12");
}

}  // namespace
}  // namespace shiori::cli
