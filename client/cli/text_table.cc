// See text_table.h.
#include "text_table.h"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "absl/strings/str_cat.h"

namespace shiori::cli {
namespace {

int CodePointWidth(UChar32 c) {
  if (c < 0) return 1;  // an invalid byte: the terminal shows one replacement character
  if (c == 0x200B || c == 0x200D || c == 0xFEFF) return 0;  // zero-width space, joiner, BOM
  const int8_t category = u_charType(c);
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_CONTROL_CHAR) return 0;
  const int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return (eaw == U_EA_FULLWIDTH || eaw == U_EA_WIDE) ? 2 : 1;
}

}  // namespace

int DisplayWidth(absl::string_view text) {
  int width = 0;
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    width += CodePointWidth(c);
  }
  return width;
}

std::string TruncateToWidth(absl::string_view text, int width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  const int room = width - 1;  // one column for "…"
  int used = 0;
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    int w = CodePointWidth(c);
    if (used + w > room) {
      i = start;
      break;
    }
    used += w;
  }
  return absl::StrCat(text.substr(0, static_cast<size_t>(i)), "…");
}

std::string PadToWidth(absl::string_view text, int width) {
  int w = DisplayWidth(text);
  std::string out(text);
  if (w < width) out.append(static_cast<size_t>(width - w), ' ');
  return out;
}

TextTable::TextTable(std::vector<std::string> headers)
    : headers_(std::move(headers)), max_width_(headers_.size(), 0) {}

std::string VisibleText(absl::string_view text) {
  std::string out;
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    const bool bidi_control = c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
                              (c >= 0x2066 && c <= 0x2069);
    if (c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
      out.push_back(' ');
    } else if (bidi_control) {
      // A direction override would reverse the rest of the line on the screen.
      absl::StrAppend(&out, "\\u", absl::Hex(c, absl::kZeroPad4));
    } else if (c >= 0 && u_charType(c) == U_CONTROL_CHAR) {
      for (int32_t k = start; k < i; ++k) absl::StrAppend(&out, "\\x", absl::Hex(s[k], absl::kZeroPad2));
    } else {
      out.append(text.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (std::string& cell : cells) cell = VisibleText(cell);
  rows_.push_back(std::move(cells));
}

void TextTable::SetMaxWidth(size_t column, int width) {
  if (column < max_width_.size()) max_width_[column] = width;
}

void TextTable::Print(std::ostream& out, absl::string_view indent) const {
  auto cell = [&](const std::string& text, size_t col) {
    return max_width_[col] > 0 ? TruncateToWidth(text, max_width_[col]) : text;
  };
  std::vector<int> widths(headers_.size(), 0);
  for (size_t c = 0; c < headers_.size(); ++c) widths[c] = DisplayWidth(cell(headers_[c], c));
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(cell(row[c], c)));
  }
  auto print_line = [&](const std::vector<std::string>& cells) {
    std::string line(indent);
    for (size_t c = 0; c < cells.size(); ++c) {
      std::string text = cell(cells[c], c);
      line += c + 1 < cells.size() ? PadToWidth(text, widths[c] + 2) : text;
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  };
  print_line(headers_);
  for (const auto& row : rows_) print_line(row);
}

}  // namespace shiori::cli
