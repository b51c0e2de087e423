#include "server/store/word_grams.h"

#include <gtest/gtest.h>

namespace shiori::store {
namespace {

constexpr int64_t G(int64_t a, int64_t b) { return a << 32 | b; }

TEST(IndexedGrams, EveryCharacterStartsOneGramAndTheSeparatorNone) {
  // |猫の|ab| : 猫の, の+end, a b, b+end.
  EXPECT_EQ(IndexedGrams("|猫の|ab|"), (std::vector<int64_t>{G('a', 'b'), G('b', 0), G(0x306E, 0), G(0x732B, 0x306E)}));
  EXPECT_EQ(IndexedGrams("|aaa|aa|"), (std::vector<int64_t>{G('a', 0), G('a', 'a')}));  // distinct
  EXPECT_TRUE(IndexedGrams("||").empty());
  EXPECT_EQ(IndexedGrams("x"), (std::vector<int64_t>{G('x', 0)}));  // the end of the text ends a field
}

TEST(WordGrams, PairsOfTheWordInOrderWithoutRepeats) {
  EXPECT_EQ(WordGrams("吾輩は"), (std::vector<int64_t>{G(0x543E, 0x8F29), G(0x8F29, 0x306F)}));
  EXPECT_EQ(WordGrams("abab"), (std::vector<int64_t>{G('a', 'b'), G('b', 'a')}));
  EXPECT_TRUE(WordGrams("猫").empty());
  EXPECT_TRUE(WordGrams("a|").empty());
  EXPECT_TRUE(WordGrams("").empty());
}

TEST(WordGrams, AWordInTheTextHasAllItsGramsIndexed) {
  const std::string text = "|吾輩は猫である|夏目漱石|";
  const std::vector<int64_t> indexed = IndexedGrams(text);
  for (const char* word : {"吾輩は", "猫である", "漱石", "である", "夏目漱石"}) {
    for (int64_t g : WordGrams(word)) {
      EXPECT_TRUE(std::binary_search(indexed.begin(), indexed.end(), g)) << word;
    }
  }
}

TEST(LeadingCharacterGrams, CoversEveryGramOfTheCharacterIncludingAFieldEnd) {
  const GramRange r = LeadingCharacterGrams("石");
  for (int64_t g : IndexedGrams("|夏目漱石|石川|")) {
    const bool starts_with_ishi = (g >> 32) == 0x77F3;
    EXPECT_EQ(starts_with_ishi, g >= r.first && g <= r.last);
  }
}

}  // namespace
}  // namespace shiori::store
