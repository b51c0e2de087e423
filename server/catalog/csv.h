// RFC 4180 CSV: fields separated by commas, optionally quoted with double quotes; a quoted field may hold
// commas, line breaks and doubled quotes (""). A leading UTF-8 byte-order mark is skipped. Lines end in LF or
// CRLF. Used for the Aozora Bunko list of works; knows nothing about its columns.
#ifndef SHIORI_SERVER_CATALOG_CSV_H_
#define SHIORI_SERVER_CATALOG_CSV_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shiori::catalog {

using CsvRow = std::vector<std::string>;

// Every row of `text`, the header included. Empty lines are skipped. INVALID_ARGUMENT for a quote left open
// at the end of the text, or for a character after a closing quote other than a comma or a line break.
absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text);

}  // namespace shiori::catalog

#endif  // SHIORI_SERVER_CATALOG_CSV_H_
