// Tests of reading MARC21 with YAZ, on the real JAPAN/MARC and Library of Congress files (C1, C3).
#include "server/catalog/marc_reader.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "server/text/search_text.h"

namespace shiori::catalog {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char kNdlFile[] = SHIORI_DATA_DIR "/ndl-jpmarc-2019-sample.mrc";
const char kLocFile[] = SHIORI_DATA_DIR "/loc-pride-and-prejudice.mrc";

const MarcFile& Ndl() {
  static const MarcFile* file = [] {
    absl::StatusOr<MarcFile> f = ReadMarcFile(kNdlFile, NdlMarcOptions());
    EXPECT_TRUE(f.ok()) << f.status();
    return new MarcFile(f.ok() ? *std::move(f) : MarcFile{});
  }();
  return *file;
}

const MarcFile& Loc() {
  static const MarcFile* file = [] {
    absl::StatusOr<MarcFile> f = ReadMarcFile(kLocFile, LocMarcOptions());
    EXPECT_TRUE(f.ok()) << f.status();
    return new MarcFile(f.ok() ? *std::move(f) : MarcFile{});
  }();
  return *file;
}

const BibRecord* FindTitle(const MarcFile& file, const std::string& title) {
  for (const auto& r : file.records) {
    if (r.title == title) return &r;
  }
  return nullptr;
}

template <typename Pred>
int CountIf(const MarcFile& file, Pred pred) {
  return static_cast<int>(std::count_if(file.records.begin(), file.records.end(), pred));
}

TEST(NdlMarcTest, ReadsEveryRecord) {  // C1
  EXPECT_EQ(Ndl().records_read, 233);
  EXPECT_EQ(Ndl().records.size(), 233u);
  EXPECT_EQ(Ndl().duplicates_skipped, 0);
  EXPECT_EQ(Ndl().damaged_skipped, 0);
  for (const auto& r : Ndl().records) {
    EXPECT_EQ(r.source, "ndl");
    // 001: the NDL bibliographic id, 9 digits or zero-padded to 12.
    EXPECT_TRUE(r.source_id.size() == 9 || r.source_id.size() == 12) << r.source_id;
    EXPECT_EQ(r.source_id.find_first_not_of("0123456789"), std::string::npos) << r.source_id;
    EXPECT_FALSE(r.title.empty()) << r.source_id;
    EXPECT_NE(r.publication_year, 0) << r.source_id;
  }
}

TEST(NdlMarcTest, EveryRecordIsClassified) {  // C1
  // Every record has an NDL classification (084 $2 kktb); 194 also carry an NDC number (084 $2 njb/09 or
  // njb/10); the other 39 (mostly serial-like yearbooks) have NDLC only.
  EXPECT_EQ(CountIf(Ndl(), [](const BibRecord& r) { return !r.ndlc.empty(); }), 233);
  EXPECT_EQ(CountIf(Ndl(), [](const BibRecord& r) { return !r.ndc.empty() || !r.ndlc.empty(); }), 233);
  EXPECT_EQ(CountIf(Ndl(), [](const BibRecord& r) { return !r.ndc.empty(); }), 194);
}

TEST(NdlMarcTest, IsbnsAreCleaned) {  // C1
  // 216 records have a 020 field, but 27 of them give only the price ($c): 189 have an ISBN ($a).
  EXPECT_EQ(CountIf(Ndl(), [](const BibRecord& r) { return !r.isbn.empty(); }), 189);
  for (const auto& r : Ndl().records) {
    if (r.isbn.empty()) continue;
    EXPECT_TRUE(r.isbn.size() == 10 || r.isbn.size() == 13) << r.isbn;
    EXPECT_EQ(r.isbn.find_first_not_of("0123456789X"), std::string::npos) << r.isbn;
  }
}

TEST(NdlMarcTest, ChildrensBooksFrom008) {  // C3: 008/22 = j
  EXPECT_EQ(CountIf(Ndl(), [](const BibRecord& r) { return r.material_type == shiori::v1::CHILDREN_BOOK; }), 2);
  EXPECT_EQ(CountIf(Ndl(), [](const BibRecord& r) { return r.material_type == shiori::v1::GENERAL_BOOK; }), 230);  // and 1 まんが
}

TEST(NdlMarcTest, MangaFromTheClass) {  // C3, R4: NDC 726.1 漫画・劇画 is まんが, not reservable
  std::vector<std::string> manga;
  for (const auto& r : Ndl().records) {
    if (r.material_type == shiori::v1::MANGA) manga.push_back(r.title);
    if (absl::StartsWith(r.ndc, "726.1")) EXPECT_EQ(r.material_type, shiori::v1::MANGA) << r.title;
  }
  EXPECT_THAT(manga, ElementsAre(HasSubstr("吉野朔実")));
}

TEST(NdlMarcTest, TheBookOfTheStory) {  // C1: the record the integration test searches for
  const BibRecord* r = FindTitle(Ndl(), "これからの本の話をしよう");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->source_id, "029455884");
  EXPECT_EQ(r->title_kana, "コレカラ ノ ホン ノ ハナシ オ シヨウ");
  EXPECT_EQ(r->responsibility, "萩野正昭 著");
  EXPECT_EQ(r->publisher, "晶文社");
  EXPECT_EQ(r->publication_year, 2019);
  EXPECT_EQ(r->isbn, "9784794970756");
  EXPECT_EQ(r->ndc, "023");
  EXPECT_EQ(r->ndlc, "UE13");
  EXPECT_THAT(r->subjects, testing::ElementsAre("電子書籍", "電子出版"));
  EXPECT_EQ(r->material_type, shiori::v1::GENERAL_BOOK);
  ASSERT_EQ(r->contributors.size(), 1u);
  EXPECT_EQ(r->contributors[0].name, "萩野 正昭");
  EXPECT_EQ(r->contributors[0].name_kana, "ハギノ マサアキ");
  EXPECT_EQ(r->contributors[0].role, "著");  // from 245$c
  // C2: the name as a patron types it finds the person.
  EXPECT_EQ(text::NormalizeForSearch(r->contributors[0].name), text::NormalizeForSearch("萩野正昭"));
}

TEST(NdlMarcTest, TitleWithSubtitleAndPart) {  // C1
  const BibRecord* r = FindTitle(Ndl(), "CNNニュース・リスニング 2019春夏");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->subtitle, "音声&電子書籍版付き : 1本30秒だから、聞きやすい!");
  EXPECT_EQ(r->title_kana, "シーエヌエヌ ニュース リスニング 2019-ハル ナツ");
  EXPECT_EQ(r->responsibility, "『CNN English Express』編集部 編集");
  EXPECT_EQ(r->publisher, "朝日出版社");
}

TEST(NdlMarcTest, KatakanaReadingsFrom880) {  // C2: readings let kana queries find kanji titles
  EXPECT_EQ(CountIf(Ndl(), [](const BibRecord& r) { return !r.title_kana.empty(); }), 230);
  int people = 0, with_kana = 0;
  for (const auto& r : Ndl().records) {
    for (const auto& c : r.contributors) {
      ++people;
      if (!c.name_kana.empty()) ++with_kana;
      // The romaji twin (880 $6 …/(B) is never taken for the reading.
      EXPECT_EQ(c.name_kana.find_first_of("abcdefghijklmnopqrstuvwxyz"), std::string::npos) << c.name_kana;
    }
    EXPECT_EQ(r.title_kana.find("Korekara"), std::string::npos);
  }
  EXPECT_EQ(people, 258);     // 189 700s + 69 710s
  EXPECT_EQ(with_kana, 247);  // the other 11 are Latin or Hangul headings without an 880 twin
}

TEST(NdlMarcTest, RolesFromTheStatementOfResponsibility) {  // C1
  const BibRecord* r = nullptr;
  for (const auto& rec : Ndl().records) {
    if (rec.responsibility == "中島誠之 著 ; 柳沢智子 編") r = &rec;
  }
  ASSERT_NE(r, nullptr);
  EXPECT_THAT(r->contributors, Contains(AllOf(Field(&Contributor::name, "中島 誠之"), Field(&Contributor::role, "著"))));
  EXPECT_THAT(r->contributors, Contains(AllOf(Field(&Contributor::name, "柳沢 智子"), Field(&Contributor::role, "編"))));
  int with_role = 0, people = 0;
  for (const auto& rec : Ndl().records) {
    for (const auto& c : rec.contributors) {
      ++people;
      if (!c.role.empty()) ++with_role;
    }
  }
  // The rest are bodies or foreign names that the statement prints differently (ジョン・ロック for Locke, John).
  EXPECT_GT(with_role, people * 8 / 10) << with_role << " of " << people;
}

TEST(LocMarcTest, ReadsEveryRecordOnce) {  // C1
  EXPECT_EQ(Loc().records_read, 383);
  EXPECT_EQ(Loc().damaged_skipped, 0);
  // The file repeats 16 records byte for byte (same 001; two of them three times); each is kept once.
  EXPECT_EQ(Loc().duplicates_skipped, 18);
  EXPECT_EQ(Loc().records.size(), 365u);
  for (const auto& r : Loc().records) {
    EXPECT_EQ(r.source, "loc");
    EXPECT_FALSE(r.source_id.empty());
  }
  EXPECT_EQ(CountIf(Loc(), [](const BibRecord& r) { return r.source_id.rfind("pos-", 0) == 0; }), 51);
}

TEST(LocMarcTest, BooksAreForeignBooksAndRecordingsAudioVisual) {  // C3, R4: the leader's type of record decides
  auto of_type = [](shiori::v1::MaterialType t) {
    return CountIf(Loc(), [t](const BibRecord& r) { return r.material_type == t; });
  };
  EXPECT_EQ(of_type(shiori::v1::FOREIGN_BOOK), 335);
  EXPECT_EQ(of_type(shiori::v1::AUDIO), 27);  // leader/06 i: the novel read aloud, on cassette or CD
  EXPECT_EQ(of_type(shiori::v1::VIDEO), 3);   // g: a DVD set and a VHS tape; m: an optical disc
}

TEST(LocMarcTest, Marc21Fields) {  // C1
  const BibRecord* r = nullptr;
  for (const auto& rec : Loc().records) {
    if (rec.source_id == "ocm42943498") r = &rec;
  }
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->title, "Pride and prejudice");
  EXPECT_EQ(r->responsibility, "Jane Austen");
  EXPECT_EQ(r->publisher, "HarperCollins Publishers");
  EXPECT_EQ(r->publication_year, 1999);
  EXPECT_EQ(r->isbn, "0060933259");
  EXPECT_THAT(r->subjects, testing::ElementsAre("England", "Young women", "Courtship", "Family", "Large type books"));
  ASSERT_FALSE(r->contributors.empty());
  EXPECT_EQ(r->contributors[0].name, "Austen, Jane");
}

TEST(LocMarcTest, RolesFromRelatorTerms) {  // C1: $e, else $4
  bool ill = false, nrt = false;
  for (const auto& rec : Loc().records) {
    for (const auto& c : rec.contributors) {
      if (c.name == "Thomson, Hugh" && c.role == "ill.") ill = true;
      if (c.name == "Peters, Donada" && c.role == "nrt") nrt = true;
    }
  }
  EXPECT_TRUE(ill);
  EXPECT_TRUE(nrt);
}

TEST(LocMarcTest, RepeatedStatementSubfields) {  // C1: 245 with two $c and no ISBD punctuation
  const BibRecord* r = nullptr;
  for (const auto& rec : Loc().records) {
    if (rec.source_id == "196003") r = &rec;
  }
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->title, "Pride and prejudice");
  EXPECT_EQ(r->responsibility, "by Jane Austin [general editor G.F. Maine]");
  EXPECT_EQ(r->publisher, "Fontana");
  EXPECT_EQ(r->publication_year, 1980);
}

// A small ISO 2709 writer, so that cases the real files lack (MARC-8, damage) can be tested.
struct TestField {
  std::string tag;
  std::string body;  // control: the value; data: indicators then "|a…|b…" with '|' as the delimiter
};

std::string Iso2709(char coding, const std::vector<TestField>& fields) {
  std::string directory, data;
  for (const auto& f : fields) {
    std::string body = f.body;
    if (f.tag >= "010") {
      for (char& c : body) {
        if (c == '|') c = '\x1f';
      }
    }
    body.push_back('\x1e');
    directory += absl::StrFormat("%s%04d%05d", f.tag, body.size(), data.size());
    data += body;
  }
  const size_t base = 24 + directory.size() + 1;
  const size_t length = base + data.size() + 1;
  std::string leader = absl::StrFormat("%05dnam %c22%05d a 4500", length, coding, base);
  return leader + directory + "\x1e" + data + "\x1d";
}

TEST(MarcReaderTest, Marc8IsConvertedToUtf8) {  // C1, C2: leader/09 blank means MARC-8
  // MARC-8 writes the combining acute (0xE2) before its letter.
  const std::string record = Iso2709(' ', {{"001", "m8-1"}, {"245", "10|aCaf\xe2" "e society /|cAnn Lee."}});
  absl::StatusOr<MarcFile> file = ParseMarc(record, LocMarcOptions());
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_EQ(file->records.size(), 1u);
  EXPECT_EQ(text::NormalizeForSearch(file->records[0].title), text::NormalizeForSearch("Café society"));
  EXPECT_EQ(file->records[0].responsibility, "Ann Lee");
}

TEST(MarcReaderTest, KatakanaTwinOnlyAndChildrensBook) {  // C2, C3
  const std::string f008 = "190212s2019    ja ||||j |||| ||||||jpn  ";
  const std::string record = Iso2709(
      'a', {{"001", "000000042"},
            {"008", f008},
            {"245", "00|6880-01|aくまのこ /|cやまだ はな 文 ; 木村一郎 絵."},
            {"700", "1 |6880-02|a山田, 花"},
            {"700", "1 |6880-03|a木村, 一郎"},
            {"880", "00|6245-01/(B|aKumanoko."},
            {"880", "00|6245-01/$1|aクマノコ."},
            {"880", "1 |6700-02/$1|aヤマダ, ハナ"},
            {"880", "1 |6700-03/(B|aKimura, Ichiro"},
            {"880", "1 |6700-03/$1|aキムラ, イチロウ"}});
  absl::StatusOr<MarcFile> file = ParseMarc(record, NdlMarcOptions());
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_EQ(file->records.size(), 1u);
  const BibRecord& r = file->records[0];
  EXPECT_EQ(r.material_type, shiori::v1::CHILDREN_BOOK);
  EXPECT_EQ(r.title, "くまのこ");
  EXPECT_EQ(r.title_kana, "クマノコ");
  EXPECT_EQ(r.publication_year, 2019);  // from 008/07-10, there being no 260
  ASSERT_EQ(r.contributors.size(), 2u);
  EXPECT_EQ(r.contributors[0].name, "山田 花");
  EXPECT_EQ(r.contributors[0].name_kana, "ヤマダ ハナ");
  EXPECT_EQ(r.contributors[0].role, "文");  // printed in kana: matched through the reading
  EXPECT_EQ(r.contributors[1].name_kana, "キムラ イチロウ");
  EXPECT_EQ(r.contributors[1].role, "絵");
}

TEST(MarcReaderTest, PositionsDuplicatesAndDamage) {  // C1
  const std::string a = Iso2709('a', {{"001", "7"}, {"245", "00|aOne"}});
  const std::string no_id = Iso2709('a', {{"245", "00|aTwo"}});
  std::string damaged = Iso2709('a', {{"001", "8"}, {"245", "00|aThree"}});
  damaged.replace(0, 5, "xxxxx");  // the record length is no number
  const std::string all = a + no_id + a + damaged + "\n" + no_id;
  absl::StatusOr<MarcFile> file = ParseMarc(all, LocMarcOptions());
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->records_read, 5);
  EXPECT_EQ(file->duplicates_skipped, 1);
  EXPECT_EQ(file->damaged_skipped, 1);
  ASSERT_EQ(file->records.size(), 3u);
  EXPECT_EQ(file->records[0].source_id, "7");
  EXPECT_EQ(file->records[1].source_id, "pos-2");
  EXPECT_EQ(file->records[2].source_id, "pos-5");
  EXPECT_EQ(file->records[2].title, "Two");
}

TEST(MarcReaderTest, Errors) {  // C1
  EXPECT_EQ(ReadMarcFile(SHIORI_DATA_DIR "/no-such-file.mrc", NdlMarcOptions()).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ParseMarc("this is not a MARC file at all, not even close", NdlMarcOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<MarcFile> empty = ParseMarc("", NdlMarcOptions());
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->records.empty());
}

}  // namespace
}  // namespace shiori::catalog
