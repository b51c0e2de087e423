// Reads the Aozora Bunko list of works (青空文庫 作品一覧: UTF-8 CSV with a BOM, a header row, one row per work
// and person) into one BibRecord per 作品ID with every person and their role: 著者, or 翻訳者 when the person is
// named in 翻訳者名等 (translators named there without a row of their own are added too). The publisher and
// year are those of the printed source (底本) the text was keyed from. Every work is a GENERAL_BOOK.
// Columns are found by their header names, so a list with more or reordered columns reads the same.
// Thread-safe.
#ifndef SHIORI_SERVER_CATALOG_AOZORA_READER_H_
#define SHIORI_SERVER_CATALOG_AOZORA_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/catalog/bib_record.h"

namespace shiori::catalog {

inline constexpr char kAozoraAuthorRole[] = "著者";
inline constexpr char kAozoraTranslatorRole[] = "翻訳者";

// Works in order of first appearance. INVALID_ARGUMENT for broken CSV or a header without 作品ID, 作品名 or
// 著者名; rows without a 作品ID are skipped.
absl::StatusOr<std::vector<BibRecord>> ParseAozoraCsv(absl::string_view csv);

// Reads and parses a file. NOT_FOUND when it cannot be opened; otherwise as ParseAozoraCsv.
absl::StatusOr<std::vector<BibRecord>> ReadAozoraFile(const std::string& path);

}  // namespace shiori::catalog

#endif  // SHIORI_SERVER_CATALOG_AOZORA_READER_H_
