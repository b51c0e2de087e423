// Whole characters: what counts as blank text.
#include "server/common/utf8_chars.h"

#include <gtest/gtest.h>

namespace shiori {
namespace {

TEST(Utf8CharsTest, BlankTextIsMissingText) {
  for (const char* blank : {"", " ", "\t\r\n", "\u3000", "\u200b", " \u3000\ufeff\u00a0", "\u200e\u200f\u202e",
                            "\u3164\u115f", "\u034f\u180e"}) {
    EXPECT_TRUE(IsBlankText(blank)) << blank;
  }
  for (const char* text : {"a", "\u3000理由", "・", "\xff"}) EXPECT_FALSE(IsBlankText(text)) << text;
}

TEST(Utf8CharsTest, PrefixEndsOnACharacter) {
  EXPECT_EQ(Utf8Prefix("本本", 4), "本");
  EXPECT_EQ(Utf8Prefix("abc", 10), "abc");
}

}  // namespace
}  // namespace shiori
