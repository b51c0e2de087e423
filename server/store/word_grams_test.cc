#include "server/store/word_grams.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace shiori::store {
namespace {

constexpr int64_t P(int64_t a, int64_t b) { return a << 32 | b; }

TEST(IndexedGrams, EveryCharacterAndEveryPairWithinAField) {
  // |猫の|ab| : a, b, の, 猫, ab, 猫の; nothing with the separator, no pair across it.
  EXPECT_EQ(IndexedGrams("|猫の|ab|"), (std::vector<int64_t>{'a', 'b', 0x306E, 0x732B, P('a', 'b'), P(0x732B, 0x306E)}));
  EXPECT_EQ(IndexedGrams("|aaa|aa|"), (std::vector<int64_t>{'a', P('a', 'a')}));  // distinct
  EXPECT_TRUE(IndexedGrams("||").empty());
  EXPECT_EQ(IndexedGrams("x"), (std::vector<int64_t>{'x'}));
  // The space between two Latin words (C2) is a separator too: "s b" has no pair "sb".
  EXPECT_EQ(IndexedGrams("|s b|"), (std::vector<int64_t>{'b', 's'}));
}

TEST(WordGrams, PairsOfTheWordInOrderWithoutRepeatsOrItsOneCharacter) {
  EXPECT_EQ(WordGrams("吾輩は"), (std::vector<int64_t>{P(0x543E, 0x8F29), P(0x8F29, 0x306F)}));
  EXPECT_EQ(WordGrams("abab"), (std::vector<int64_t>{P('a', 'b'), P('b', 'a')}));
  EXPECT_EQ(WordGrams("猫"), (std::vector<int64_t>{0x732B}));
  EXPECT_EQ(WordGrams("ab|c"), (std::vector<int64_t>{P('a', 'b')}));
  EXPECT_TRUE(WordGrams("|").empty());
  EXPECT_TRUE(WordGrams("").empty());
}

TEST(WordGrams, AWordInTheTextHasAllItsGramsIndexed) {
  const std::string text = "|吾輩は猫である|夏目漱石|";
  const std::vector<int64_t> indexed = IndexedGrams(text);
  for (const char* word : {"吾輩は", "猫", "猫である", "漱石", "石", "である", "夏目漱石", "夏"}) {
    for (int64_t g : WordGrams(word)) {
      EXPECT_TRUE(std::binary_search(indexed.begin(), indexed.end(), g)) << word;
    }
  }
  // A pair across two fields is not indexed, so a search cannot find "る夏".
  EXPECT_FALSE(std::binary_search(indexed.begin(), indexed.end(), WordGrams("る夏").front()));
}

}  // namespace
}  // namespace shiori::store
