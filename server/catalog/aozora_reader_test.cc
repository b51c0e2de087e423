// Tests of reading the Aozora Bunko list of works (C1), on the real file and on small lists.
#include "server/catalog/aozora_reader.h"

#include <algorithm>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/text/search_text.h"

namespace shiori::catalog {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;

const std::vector<BibRecord>& Aozora() {
  static const std::vector<BibRecord>* works = [] {
    absl::StatusOr<std::vector<BibRecord>> w = ReadAozoraFile(SHIORI_DATA_DIR "/aozora-works-2017.csv");
    EXPECT_TRUE(w.ok()) << w.status();
    return new std::vector<BibRecord>(w.ok() ? *std::move(w) : std::vector<BibRecord>{});
  }();
  return *works;
}

const BibRecord* Work(const std::string& id) {
  for (const auto& w : Aozora()) {
    if (w.source_id == id) return &w;
  }
  return nullptr;
}

TEST(AozoraFileTest, OneRecordPerWork) {  // C1
  EXPECT_EQ(Aozora().size(), 14283u);
  for (const auto& w : Aozora()) {
    EXPECT_EQ(w.source, "aozora");
    EXPECT_EQ(w.material_type, shiori::v1::GENERAL_BOOK);
    EXPECT_FALSE(w.title.empty()) << w.source_id;
    EXPECT_FALSE(w.contributors.empty()) << w.source_id;
  }
}

TEST(AozoraFileTest, WagahaiWaNekoDearuBySoseki) {  // C1, C2
  const BibRecord* w = Work("000789");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->title, "吾輩は猫である");
  ASSERT_EQ(w->contributors.size(), 1u);
  EXPECT_EQ(w->contributors[0].name, "夏目 漱石");
  EXPECT_EQ(w->contributors[0].role, kAozoraAuthorRole);
  EXPECT_EQ(text::NormalizeForSearch(w->contributors[0].name), text::NormalizeForSearch("夏目漱石"));
  EXPECT_EQ(w->publisher, "ちくま文庫、筑摩書房");
  EXPECT_EQ(w->publication_year, 1987);
  EXPECT_EQ(w->responsibility, "夏目 漱石 著");
}

TEST(AozoraFileTest, TranslatorsFromTheirColumn) {  // C1: one row per person; 翻訳者名等 says who translated
  const BibRecord* w = Work("056078");  // 駅伝馬車: Irving, translated by 高垣 松雄
  ASSERT_NE(w, nullptr);
  EXPECT_THAT(w->contributors,
              ElementsAre(AllOf(Field(&Contributor::name, "アーヴィング ワシントン"),
                                Field(&Contributor::role, kAozoraAuthorRole)),
                          AllOf(Field(&Contributor::name, "高垣 松雄"), Field(&Contributor::role, kAozoraTranslatorRole))));
  EXPECT_EQ(w->responsibility, "アーヴィング ワシントン 著 ; 高垣 松雄 訳");

  const BibRecord* many = Work("043837");  // ある自殺者の手記: Maupassant, translated by 秋田 滋
  ASSERT_NE(many, nullptr);
  EXPECT_EQ(many->contributors.size(), 2u);
  EXPECT_THAT(many->contributors, Contains(AllOf(Field(&Contributor::name, "モーパッサン ギ・ド"),
                                                 Field(&Contributor::role, kAozoraAuthorRole))));
}

TEST(AozoraFileTest, EveryPersonOfEveryRow) {  // C1
  size_t people = 0;
  for (const auto& w : Aozora()) people += w.contributors.size();
  // 15,226 rows, less the 8 that repeat a person of their work (上田 敏 twice for 海潮音 …).
  EXPECT_EQ(people, 15218u);
}

TEST(ParseAozoraCsvTest, QuotedFieldsAndReorderedColumns) {  // C1
  const char csv[] =
      "\xEF\xBB\xBF作品名,作品ID,著者名,翻訳者名等,出版社名,入力に使用した版\n"
      "\"猫と, 犬\",000001,\"山田 太郎 \",\"\",\"文庫、社\",\"1999（平成11）年\"\n"
      "\"猫と, 犬\",000001,\"鈴木 花子\",\"鈴木 花子、佐藤 次郎\",\"文庫、社\",\"\"\n"
      ",,,,,\n"
      "\"二作目\",000002,\"山田 太郎\",,,\n";
  absl::StatusOr<std::vector<BibRecord>> works = ParseAozoraCsv(csv);
  ASSERT_TRUE(works.ok()) << works.status();
  ASSERT_EQ(works->size(), 2u);
  const BibRecord& w = (*works)[0];
  EXPECT_EQ(w.title, "猫と, 犬");
  EXPECT_EQ(w.publisher, "文庫、社");
  EXPECT_EQ(w.publication_year, 1999);
  EXPECT_THAT(w.contributors,
              ElementsAre(AllOf(Field(&Contributor::name, "山田 太郎"), Field(&Contributor::role, kAozoraAuthorRole)),
                          AllOf(Field(&Contributor::name, "鈴木 花子"), Field(&Contributor::role, kAozoraTranslatorRole)),
                          AllOf(Field(&Contributor::name, "佐藤 次郎"), Field(&Contributor::role, kAozoraTranslatorRole))));
  EXPECT_EQ((*works)[1].source_id, "000002");
}

TEST(ParseAozoraCsvTest, Errors) {  // C1
  EXPECT_EQ(ParseAozoraCsv("a,b,c\n1,2,3\n").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseAozoraCsv("").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseAozoraCsv("作品ID,作品名,著者名\n\"1,x,y\n").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadAozoraFile(SHIORI_DATA_DIR "/no-such.csv").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace shiori::catalog
