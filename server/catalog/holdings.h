// The copies (蔵書) an import creates for a record, since none of the source files carries holdings. Everything
// follows from the record's source and source_id and a reference date, never from a random generator, so a
// second import, on any machine, creates the same copies with the same barcodes.
//
//   count     1–3 copies, from a stable hash (FNV-1a 64) of source and source_id
//   library   "main" or "branch" (L1): the first copy's from the hash, then alternating
//   barcode   12 digits: "1", a source digit (ndl 1, loc 2, aozora 3, demo 9, other 8), 9 digits of the record,
//             the copy number 1–3. The 9 digits are source_id's value when it is a number below 10^9
//             (JAPAN/MARC 001, also zero-padded to 12 digits; Aozora 作品ID), so those barcodes are unique by
//             construction; otherwise the hash modulo 10^9 (tests check the real files give no collision).
//   accession a day in the two years before the reference date (reference − 730 … reference − 1)
//   type      the record's material type (C3)
// Pure and thread-safe.
#ifndef SHIORI_SERVER_CATALOG_HOLDINGS_H_
#define SHIORI_SERVER_CATALOG_HOLDINGS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "server/catalog/bib_record.h"
#include "shiori/v1/common.pb.h"

namespace shiori::catalog {

inline constexpr char kMainLibrary[] = "main";
inline constexpr char kBranchLibrary[] = "branch";

struct HoldingCopy {
  std::string barcode;
  std::string library_id;  // home library: "main" or "branch"
  absl::CivilDay accession_date;  // 受入日
  shiori::v1::MaterialType material_type = shiori::v1::GENERAL_BOOK;
};

// The copies of `record`, accessioned in the two years before `reference_date`.
std::vector<HoldingCopy> MakeHoldings(const BibRecord& record, absl::CivilDay reference_date);

// The barcode of copy `copy_number` (1-based) of a record; what MakeHoldings uses.
std::string CopyBarcode(absl::string_view source, absl::string_view source_id, int copy_number);

// FNV-1a 64 of source, a NUL and source_id: the stable hash everything above is drawn from.
uint64_t RecordHash(absl::string_view source, absl::string_view source_id);

}  // namespace shiori::catalog

#endif  // SHIORI_SERVER_CATALOG_HOLDINGS_H_
