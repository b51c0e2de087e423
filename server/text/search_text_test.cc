// Tests of the search form of text (rule C2) and of splitting query words (rule N4).
#include "server/text/search_text.h"

#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shiori::text {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct SameCase {
  const char* rule;
  const char* a;
  const char* b;
};

// Pairs that must normalise to the same text.
TEST(NormalizeForSearchTest, VariantsCompareEqual) {
  const SameCase cases[] = {
      {"C2", "ｶﾒﾗ", "カメラ"},                // half-width katakana
      {"C2", "カメラ", "かめら"},              // katakana = hiragana
      {"C2", "ｶﾒﾗ", "かめら"},
      {"C2", "ＵＳＢ", "USB"},                 // full-width Latin
      {"C2", "ＵＳＢ", "usb"},                 // and case
      {"C2", "Ｕｓｂ", "uSB"},
      {"C2", "２０１９", "2019"},              // full-width digits
      {"C2", "ｶﾞｲﾄﾞ", "ガイド"},              // half-width voiced mark composes
      {"C2", "ﾌﾟﾘﾝﾀｰ", "ぷりんたー"},          // half-width semi-voiced mark, long vowel kept
      {"C2", "ヴァイオリン", "ゔぁいおりん"},  // ヴ has a hiragana form
      {"C2", "CNNニュース・リスニング", "cnn ニュース リスニング"},  // punctuation and spaces don't decide
      {"C2", "これからの本の話をしよう", "これからの 本の話を しよう"},
      {"C2", "萩野, 正昭", "萩野正昭"},
      {"C2", "萩野　正昭", "萩野正昭"},        // full-width space
      {"C2", "「吾輩は猫である」", "吾輩は猫である"},
      {"C2", "Pride & Prejudice.", "pride prejudice"},
      {"C2", "ＰＲＩＤＥ", "Pride"},
      {"C2", "東京～大阪", "東京〜大阪"},      // full-width tilde and wave dash
      {"C2", "ＳＴＵＤＩＯ　ＡＬＴＡ", "studio alta"},
      {"C2", "㈱", "(株)"},                    // compatibility characters expand
      {"C2", "ﾍﾟｰｼﾞ", "ぺーじ"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(NormalizeForSearch(c.a), NormalizeForSearch(c.b)) << c.rule << ": " << c.a << " vs " << c.b;
  }
}

// Pairs that must stay different.
TEST(NormalizeForSearchTest, VoicedAndUnvoicedKanaStayDistinct) {
  const SameCase cases[] = {
      {"C2", "プ", "フ"},  // semi-voiced vs plain
      {"C2", "ブ", "フ"},  // voiced vs plain
      {"C2", "プ", "ブ"},
      {"C2", "ﾌﾟ", "フ"},
      {"C2", "ガイド", "カイド"},
      {"C2", "ぱん", "はん"},
      {"C2", "カメラ", "カメ"},
      {"C2", "ラーメン", "ラメン"},  // the long-vowel mark counts
      {"C2", "C++", "C"},            // symbols are kept
  };
  for (const auto& c : cases) {
    EXPECT_NE(NormalizeForSearch(c.a), NormalizeForSearch(c.b)) << c.rule << ": " << c.a << " vs " << c.b;
  }
}

struct FormCase {
  const char* rule;
  const char* in;
  const char* out;
};

TEST(NormalizeForSearchTest, ExactForms) {
  const FormCase cases[] = {
      {"C2", "ｶﾒﾗ", "かめら"},
      {"C2", "ＵＳＢメモリ", "usbめもり"},
      {"C2", "Mac&Office活用読本", "macoffice活用読本"},
      {"C2", "  ", ""},
      {"C2", "", ""},
      {"C2", "ヽヾ", "ゝゞ"},
      {"C2", "ヶ月", "ゖ月"},
      {"C2", "Straße", "strasse"},  // full case folding
      {"C2", "ＡＢＣ\xE2\x80\x8B", "abc"},  // zero-width space (format character) dropped
      {"C2", "ab\xFF" "c", "abc"},          // ill-formed UTF-8 byte dropped
      {"C2", "\xE3\x81", ""},              // truncated sequence dropped
  };
  for (const auto& c : cases) {
    EXPECT_EQ(NormalizeForSearch(c.in), c.out) << c.rule << ": " << c.in;
  }
}

// C2: words match inside longer text once both sides are normalised.
TEST(NormalizeForSearchTest, WordsMatchInsideLongerText) {
  const std::string title = NormalizeForSearch("すぐ使えるWindows 10&Office活用読本 : 電子書籍版コード付き");
  EXPECT_NE(title.find(NormalizeForSearch("ＷＩＮＤＯＷＳ")), std::string::npos);
  EXPECT_NE(title.find(NormalizeForSearch("電子書籍")), std::string::npos);
  // Readings of kanji are not invented: they come from the catalogue's kana fields (title_kana).
  EXPECT_EQ(title.find(NormalizeForSearch("でんししょせき")), std::string::npos);
  EXPECT_NE(title.find(NormalizeForSearch("ｺｰﾄﾞ")), std::string::npos);
  EXPECT_NE(title.find(NormalizeForSearch("10 Office")), std::string::npos);
}

// C2: the normaliser is shared by every request thread.
TEST(NormalizeForSearchTest, SafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &mismatches] {
      for (int i = 0; i < 2000; ++i) {
        if (NormalizeForSearch("ｶﾒﾗとＵＳＢ") != "かめらとusb") ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_THAT(mismatches, ElementsAre(0, 0, 0, 0));
}

TEST(SplitQueryWordsTest, SplitsOnSpacesOfBothWidths) {
  // N4: keywords are separated by half- or full-width spaces.
  EXPECT_THAT(SplitQueryWords("猫 吾輩"), ElementsAre("猫", "吾輩"));
  EXPECT_THAT(SplitQueryWords("猫　吾輩"), ElementsAre("猫", "吾輩"));
  EXPECT_THAT(SplitQueryWords("　 猫　　吾輩  \t漱石 "), ElementsAre("猫", "吾輩", "漱石"));
  EXPECT_THAT(SplitQueryWords("ＵＳＢ"), ElementsAre("ＵＳＢ")) << "words come back as typed";
  EXPECT_THAT(SplitQueryWords("　　 "), IsEmpty());
  EXPECT_THAT(SplitQueryWords(""), IsEmpty());
  // A full-width character whose UTF-8 shares the lead bytes of U+3000 is not a separator.
  EXPECT_THAT(SplitQueryWords("、。"), ElementsAre("、。"));
}

TEST(NormalizeFieldForSearchTest, LatinWordsKeepTheirBoundary) {  // C2
  EXPECT_EQ(NormalizeFieldForSearch("Octopus Books"), "octopus books");  // "usb" is not in it
  EXPECT_EQ(NormalizeFieldForSearch("Pride & Prejudice."), "pride prejudice");
  EXPECT_EQ(NormalizeFieldForSearch("ＳＴＵＤＩＯ　ＡＬＴＡ"), "studio alta");
  EXPECT_EQ(NormalizeFieldForSearch("Vol. 2"), "vol 2");
  // Japanese spacing never decides: the words are joined, next to Latin too.
  EXPECT_EQ(NormalizeFieldForSearch("夏目　漱石"), "夏目漱石");
  EXPECT_EQ(NormalizeFieldForSearch("USB 機器のしくみ"), "usb機器のしくみ");
  EXPECT_EQ(NormalizeFieldForSearch("CNNニュース・リスニング"), NormalizeForSearch("CNNニュース・リスニング"));
  EXPECT_EQ(NormalizeFieldForSearch("　"), "");
}

TEST(QueryWordPiecesTest, PunctuationAndDigitsSeparateLatinWords) {  // C2
  EXPECT_THAT(QueryWordPieces("pride&prejudice"), ElementsAre("pride", "prejudice"));
  EXPECT_THAT(QueryWordPieces("Austen,Jane"), ElementsAre("austen", "jane"));
  EXPECT_THAT(QueryWordPieces("Windows10"), ElementsAre("windows", "10"));  // "Windows 10" and "Windows10"
  EXPECT_THAT(QueryWordPieces("ＵＳＢ"), ElementsAre("usb"));
  EXPECT_THAT(QueryWordPieces("ニュース・リスニング"), ElementsAre("にゅーすりすにんぐ"));  // Japanese whole
  EXPECT_THAT(QueryWordPieces("第2巻"), ElementsAre("第2巻"));
  EXPECT_THAT(QueryWordPieces("&"), IsEmpty());
}

TEST(CanonicalSeriesTitleTest, SpacesOfEitherWidthAreOne) {  // R5
  EXPECT_EQ(CanonicalSeriesTitle("月刊　季節の台所"), "月刊 季節の台所");
  EXPECT_EQ(CanonicalSeriesTitle(" 月刊  季節の台所 "), "月刊 季節の台所");
  EXPECT_EQ(CanonicalSeriesTitle("月刊 季節の台所"), "月刊 季節の台所");
}

}  // namespace
}  // namespace shiori::text
