// Reads a MARC21 file (ISO 2709, UTF-8 or MARC-8) into BibRecords: JAPAN/MARC from the National Diet Library
// with its katakana readings, or foreign records such as the Library of Congress's. Field mapping:
//   title 245$a (+$n $p), subtitle 245$b, responsibility 245$c, people 100/110/111/700/710/711 $a with the role
//   from $e, else $4, else the word after the name in 245$c (萩野正昭 著 → 著); publisher 260/264$b; year
//   260/264$c, else 008/07-10; ISBN 020$a (digits and X); NDC 084 with $2 ndc…/njb…; NDLC 084 with $2 kktb;
//   subjects 600/610/650/651 $a; katakana readings (title, names) from the 880 field linked by $6 whose script
//   is `$1` (the `(B` romaji twin is ignored); 008/22 = j → CHILDREN_BOOK (C3).
// Thread-safe: every call has its own YAZ handles.
#ifndef SHIORI_SERVER_CATALOG_MARC_READER_H_
#define SHIORI_SERVER_CATALOG_MARC_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/catalog/bib_record.h"

namespace shiori::catalog {

struct MarcFileOptions {
  std::string source;    // BibRecord::source of every record: "ndl", "loc"
  bool foreign = false;  // every record is a 洋書 (FOREIGN_BOOK) whatever its 008 says
};

// The National Diet Library's JAPAN/MARC file, and the Library of Congress's foreign books.
MarcFileOptions NdlMarcOptions();
MarcFileOptions LocMarcOptions();

struct MarcFile {
  // One record per source_id (001, or "pos-N" for the N-th record, 1-based, when it has no 001), in file order.
  std::vector<BibRecord> records;
  int records_read = 0;        // records in the file, repeats and damaged ones included
  int duplicates_skipped = 0;  // records whose 001 repeats an earlier record's (the same record again)
  int damaged_skipped = 0;     // records YAZ could not decode
};

// Parses ISO 2709 bytes. INVALID_ARGUMENT when `iso2709` holds no decodable record at all.
absl::StatusOr<MarcFile> ParseMarc(absl::string_view iso2709, const MarcFileOptions& options);

// Reads and parses a file. NOT_FOUND when it cannot be opened; otherwise as ParseMarc.
absl::StatusOr<MarcFile> ReadMarcFile(const std::string& path, const MarcFileOptions& options);

}  // namespace shiori::catalog

#endif  // SHIORI_SERVER_CATALOG_MARC_READER_H_
