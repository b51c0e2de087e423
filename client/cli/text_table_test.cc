// Display widths of Japanese text and the alignment of tables (human output in Japanese, C2's width variants).
#include "text_table.h"

#include <sstream>

#include <gtest/gtest.h>

namespace shiori::cli {
namespace {

TEST(DisplayWidth, Table) {
  struct Row {
    const char* text;
    int want;
  } rows[] = {
      {"", 0},
      {"abc", 3},
      {"本館", 4},
      {"吾輩は猫である", 14},
      {"ＵＳＢ", 6},       // full-width letters (C2)
      {"ｶﾒﾗ", 3},          // half-width katakana (C2)
      {"カメラ", 6},
      {"か\u3099", 2},     // combining voiced mark takes no column
      {"2026-12-10(木)", 14},
      {"○", 1},            // East Asian ambiguous: one column, as most terminals draw it
      {"\xff", 1},         // invalid byte
  };
  for (const auto& row : rows) EXPECT_EQ(DisplayWidth(row.text), row.want) << row.text;
}

TEST(TruncateToWidth, NeverSplitsACharacter) {
  EXPECT_EQ(TruncateToWidth("吾輩は猫である", 14), "吾輩は猫である");
  EXPECT_EQ(TruncateToWidth("吾輩は猫である", 8), "吾輩は…");   // 6 columns + "…"
  EXPECT_EQ(TruncateToWidth("吾輩は猫である", 7), "吾輩は…");
  EXPECT_EQ(TruncateToWidth("abcdef", 4), "abc…");
}

TEST(TextTable, AlignsMixedWidthColumns) {
  TextTable t({"館", "Name"});
  t.AddRow({"本館", "Main"});
  t.AddRow({"x", "Branch"});
  std::ostringstream out;
  t.Print(out, "  ");
  EXPECT_EQ(out.str(),
            "  館    Name\n"
            "  本館  Main\n"
            "  x     Branch\n");
}

TEST(TextTable, TruncatesLongCells) {
  TextTable t({"タイトル", "n"});
  t.SetMaxWidth(0, 10);
  t.AddRow({"これからの本の話をしよう", "1"});
  std::ostringstream out;
  t.Print(out);
  EXPECT_EQ(out.str(),
            "タイトル   n\n"  // "…" is one column (ambiguous width)
            "これから…  1\n");
}

// A cell that holds an escape sequence (a value logged as it was sent, say) cannot drive the terminal.
TEST(TextTable, ControlCharactersAreShownNotSent) {
  EXPECT_EQ(VisibleText("1102945\x1b[2J58841"), "1102945\\x1b[2J58841");
  EXPECT_EQ(VisibleText("a\tb\nc"), "a b c");
  EXPECT_EQ(VisibleText("\xc2\x9b本"), "\\xc2\\x9b本");  // C1 CSI
  EXPECT_EQ(VisibleText("abc\u202Edef\u2028g"), "abc\\u202edef g");  // right-to-left override, line separator
  TextTable t({"target"});
  t.AddRow({"x\x07y"});
  std::ostringstream out;
  t.Print(out);
  EXPECT_EQ(out.str(), "target\nx\\x07y\n");
}

}  // namespace
}  // namespace shiori::cli
