// Column-aligned text for terminals, measured in display columns: a kanji or kana is two columns wide
// (East Asian Width F/W), a combining mark none. Used by every command's human output.
#ifndef SHIORI_CLIENT_CLI_TEXT_TABLE_H_
#define SHIORI_CLIENT_CLI_TEXT_TABLE_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace shiori::cli {

// Columns the UTF-8 text takes on a terminal. Invalid bytes count one column each.
int DisplayWidth(absl::string_view text);

// The text cut to at most `width` columns, ending in "…" when something was cut. Never splits a character.
std::string TruncateToWidth(absl::string_view text, int width);

// Pads with spaces on the right to `width` columns (longer text is left as is).
std::string PadToWidth(absl::string_view text, int width);

// The text with what would move the cursor or drive the terminal made visible: tabs and line breaks (U+2028/9
// too) as spaces, other control characters (ESC, C1 …) as \xHH, and the bidirectional controls that would
// reorder the line (U+202E …) as \uXXXX. Every table cell goes through it.
std::string VisibleText(absl::string_view text);

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headers);

  // Cells beyond the headers are ignored; missing cells are empty; each cell is made VisibleText.
  void AddRow(std::vector<std::string> cells);
  // Cells of this column longer than `width` columns are truncated with "…".
  void SetMaxWidth(size_t column, int width);
  bool empty() const { return rows_.empty(); }

  // Header, then rows; columns two spaces apart; no trailing spaces; each line indented by `indent`.
  void Print(std::ostream& out, absl::string_view indent = "") const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> max_width_;
};

}  // namespace shiori::cli

#endif  // SHIORI_CLIENT_CLI_TEXT_TABLE_H_
