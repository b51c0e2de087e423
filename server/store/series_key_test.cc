// The series key of magazine issues (R5): one series whatever width, case, kana or spacing it was typed in.
#include <gtest/gtest.h>

#include "server/store/catalog_store.h"

namespace shiori::store {
namespace {

TEST(SeriesKeyTest, TypedVariantsAreOneSeries) {  // R5, C2
  EXPECT_EQ(SeriesKey("月刊ＡＢＣ"), SeriesKey("月刊ABC"));
  EXPECT_EQ(SeriesKey("月刊abc"), SeriesKey("月刊 ABC"));
  EXPECT_EQ(SeriesKey("ｹﾞｯｶﾝ"), SeriesKey("ゲッカン"));
  EXPECT_EQ(SeriesKey("月刊　季節の台所"), SeriesKey("月刊季節の台所"));
  EXPECT_NE(SeriesKey("月刊ABC"), SeriesKey("月刊XYZ"));
  EXPECT_NE(SeriesKey("ゲッカン"), SeriesKey("ケッカン"));  // voiced and unvoiced stay apart (C2)
  EXPECT_EQ(SeriesKey(""), "");
}

}  // namespace
}  // namespace shiori::store
