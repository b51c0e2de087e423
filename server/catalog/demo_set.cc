// See demo_set.h. Everything here is invented; any likeness to a real book is chance.
#include "server/catalog/demo_set.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace shiori::catalog {
namespace {

using shiori::v1::MaterialType;

struct Person {
  const char* name;
  const char* kana;
  const char* role;
};

BibRecord Make(const char* key, MaterialType type, const char* title, const char* kana, const char* subtitle,
               std::vector<Person> people, const char* publisher, int year, const char* ndc,
               std::vector<std::string> subjects) {
  BibRecord r;
  r.source = "demo";
  r.source_id = key;
  r.material_type = type;
  r.title = title;
  r.title_kana = kana;
  r.subtitle = subtitle;
  std::vector<std::string> statement;
  for (const Person& p : people) {
    r.contributors.push_back({.name = p.name, .name_kana = p.kana, .role = p.role});
    statement.push_back(absl::StrCat(p.name, " ", p.role));
  }
  r.responsibility = absl::StrJoin(statement, " ; ");
  r.publisher = publisher;
  r.publication_year = year;
  r.ndc = ndc;
  r.subjects = std::move(subjects);
  return r;
}

std::vector<BibRecord> Books() {
  using shiori::v1::ADMINISTRATIVE;
  using shiori::v1::AUDIO;
  using shiori::v1::CHILDREN_BOOK;
  using shiori::v1::FOREIGN_BOOK;
  using shiori::v1::GENERAL_BOOK;
  using shiori::v1::INTERLIBRARY_BORROWED;
  using shiori::v1::LOCAL_HISTORY;
  using shiori::v1::MANGA;
  using shiori::v1::REFERENCE;
  using shiori::v1::VIDEO;
  return {
      Make("demo-general-1", GENERAL_BOOK, "駅前商店街のひとびと", "エキマエ ショウテンガイ ノ ヒトビト", "",
           {{"森川 晴美", "モリカワ ハルミ", "著"}}, "汐見書房", 2023, "913.6", {"商店街", "小説"}),
      Make("demo-general-2", GENERAL_BOOK, "はじめてのデジタルカメラ", "ハジメテ ノ デジタル カメラ",
           "スマートフォンから一眼まで", {{"石田 航", "イシダ ワタル", "著"}}, "みなと出版", 2024, "742.5",
           {"写真撮影", "カメラ"}),
      Make("demo-general-3", GENERAL_BOOK, "USB機器のしくみ", "ユーエスビー キキ ノ シクミ", "つなぐ技術の基礎",
           {{"佐伯 理沙", "サエキ リサ", "著"}}, "みなと出版", 2022, "548.2", {"コンピュータ", "周辺機器"}),
      Make("demo-children-1", CHILDREN_BOOK, "こぐまのポポとあめのひ", "コグマ ノ ポポ ト アメ ノ ヒ", "",
           {{"やまね ゆき", "ヤマネ ユキ", "文"}, {"かわせ そら", "カワセ ソラ", "絵"}}, "こもれび社", 2021, "E",
           {"絵本"}),
      Make("demo-children-2", CHILDREN_BOOK, "ふしぎなプール", "フシギ ナ プール", "",
           {{"ふじの まこと", "フジノ マコト", "作"}}, "こもれび社", 2020, "913", {"童話"}),
      Make("demo-foreign-1", FOREIGN_BOOK, "The Lantern Keeper's Garden", "", "a novel",
           {{"Whitby, Eleanor", "", "author"}}, "Harbourside Press", 2019, "933.7", {"English fiction"}),
      Make("demo-audio-1", AUDIO, "やすらぎのピアノ小品集", "ヤスラギ ノ ピアノ ショウヒンシュウ", "CD",
           {{"水野 栞", "ミズノ シオリ", "ピアノ"}}, "汐見レコード", 2022, "763.2", {"ピアノ曲"}),
      Make("demo-audio-2", AUDIO, "朗読 日本の昔ばなし", "ロウドク ニホン ノ ムカシバナシ", "カセットテープ",
           {{"高橋 澄子", "タカハシ スミコ", "朗読"}}, "汐見レコード", 1998, "388.1", {"昔話"}),
      Make("demo-video-1", VIDEO, "日本の里山 四季の記録", "ニホン ノ サトヤマ シキ ノ キロク", "DVD",
           {{"汐見映像制作室", "シオミ エイゾウ セイサクシツ", "制作"}}, "汐見映像", 2021, "462.1",
           {"里山", "自然"}),
      Make("demo-video-2", VIDEO, "はじめての茶道", "ハジメテ ノ サドウ", "ビデオテープ",
           {{"岡本 宗和", "オカモト ソウワ", "監修"}}, "汐見映像", 1995, "791", {"茶道"}),
      Make("demo-manga-1", MANGA, "放課後ロケット部 1", "ホウカゴ ロケットブ 1", "",
           {{"星野 カイ", "ホシノ カイ", "著"}}, "あおぞらコミックス", 2023, "726.1", {"まんが"}),
      Make("demo-manga-2", MANGA, "放課後ロケット部 2", "ホウカゴ ロケットブ 2", "",
           {{"星野 カイ", "ホシノ カイ", "著"}}, "あおぞらコミックス", 2024, "726.1", {"まんが"}),
      Make("demo-reference-1", REFERENCE, "日本の地名よみかた辞典", "ニホン ノ チメイ ヨミカタ ジテン", "",
           {{"地名研究会", "チメイ ケンキュウカイ", "編"}}, "汐見書房", 2018, "291.033", {"地名", "辞典"}),
      Make("demo-reference-2", REFERENCE, "くらしの法律相談事典", "クラシ ノ ホウリツ ソウダン ジテン", "改訂版",
           {{"北村 誠", "キタムラ マコト", "監修"}}, "みなと出版", 2020, "320.33", {"法律", "事典"}),
      Make("demo-local-1", LOCAL_HISTORY, "汐見の港と町並みの百年", "シオミ ノ ミナト ト マチナミ ノ ヒャクネン", "",
           {{"汐見市郷土史研究会", "シオミシ キョウドシ ケンキュウカイ", "編"}}, "汐見市郷土史研究会", 2016,
           "213.6", {"汐見市", "郷土史"}),
      Make("demo-admin-1", ADMINISTRATIVE, "汐見市統計書 令和5年版", "シオミシ トウケイショ レイワ 5ネンバン", "",
           {{"汐見市総務部", "シオミシ ソウムブ", "編"}}, "汐見市", 2024, "351.36", {"統計", "汐見市"}),
      Make("demo-admin-2", ADMINISTRATIVE, "汐見市地域防災計画", "シオミシ チイキ ボウサイ ケイカク", "令和6年修正",
           {{"汐見市防災会議", "シオミシ ボウサイ カイギ", "編"}}, "汐見市", 2024, "369.3", {"防災", "汐見市"}),
      Make("demo-ill-1", INTERLIBRARY_BORROWED, "北前船と日本海の商人たち", "キタマエブネ ト ニホンカイ ノ ショウニンタチ",
           "", {{"松浦 隆", "マツウラ タカシ", "著"}}, "県立図書館協会", 2015, "683.21", {"北前船", "海運"}),
  };
}

// 月刊 季節の台所: four issues, 118 … 121 (the latest).
constexpr int kFirstIssue = 118;
constexpr int kLatestIssue = 121;

BibRecord MagazineIssue(int issue) {
  const int month = 1 + (issue - kFirstIssue);  // issue 118 is the 2025年1月号
  BibRecord r = Make(absl::StrCat("demo-magazine-kisetsu-", issue).c_str(), shiori::v1::MAGAZINE,
                     absl::StrCat("月刊 季節の台所 2025年", month, "月号").c_str(),
                     absl::StrCat("ゲッカン キセツ ノ ダイドコロ 2025ネン ", month, "ガツゴウ").c_str(), "",
                     {{"季節の台所編集部", "キセツ ノ ダイドコロ ヘンシュウブ", "編"}}, "台所社", 2025, "596.05",
                     {"料理", "雑誌"});
  r.series_title = "月刊 季節の台所";
  r.issue_number = issue;
  r.latest_issue = issue == kLatestIssue;
  return r;
}

}  // namespace

std::vector<DemoTitle> DemoCatalog(absl::CivilDay reference_date) {
  std::vector<DemoTitle> titles;
  for (BibRecord& r : Books()) {
    DemoTitle t{.record = std::move(r), .copies = {}};
    t.copies = MakeHoldings(t.record, reference_date);
    titles.push_back(std::move(t));
  }
  for (int issue = kFirstIssue; issue <= kLatestIssue; ++issue) {
    DemoTitle t{.record = MagazineIssue(issue), .copies = {}};
    t.copies = MakeHoldings(t.record, reference_date);
    const absl::CivilDay arrived = reference_date - (5 + 30 * (kLatestIssue - issue));
    for (HoldingCopy& c : t.copies) c.accession_date = arrived;
    titles.push_back(std::move(t));
  }
  return titles;
}

}  // namespace shiori::catalog
