// See csv.h.
#include "server/catalog/csv.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace shiori::catalog {

absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  bool in_quotes = false;
  bool after_quote = false;  // a quoted field just closed: only a separator may follow
  int line = 1;

  const auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    after_quote = false;
  };
  const auto end_row = [&] {
    end_field();
    // A blank line is one empty field: not a row.
    if (!(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
    row.clear();
  };

  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == ',') {
      end_field();
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      end_row();
      ++line;
    } else if (after_quote) {
      return absl::InvalidArgumentError(absl::StrCat("CSV line ", line, ": text after a closing quote"));
    } else if (c == '"' && field.empty()) {
      in_quotes = true;
    } else {
      field.push_back(c);
    }
  }
  if (in_quotes) return absl::InvalidArgumentError(absl::StrCat("CSV line ", line, ": quote not closed"));
  if (!field.empty() || !row.empty() || after_quote) end_row();
  return rows;
}

}  // namespace shiori::catalog
