#include "server/store/fulltext_query.h"

#include <gtest/gtest.h>

namespace shiori::store {
namespace {

TEST(AllWordsQuery, EveryWordIsARequiredPhrase) {
  EXPECT_EQ(AllWordsQuery({"吾輩", "ねこ"}), "+\"吾輩\" +\"ねこ\"");
  EXPECT_EQ(AllWordsQuery({"c++"}), "+\"c++\"");
  EXPECT_EQ(AllWordsQuery({}), "");
}

TEST(AllWordsQuery, QuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(AllWordsQuery({"a\"b"}), "+\"a\\\"b\"");
  EXPECT_EQ(AllWordsQuery({"\\"}), "+\"\\\\\"");
}

}  // namespace
}  // namespace shiori::store
