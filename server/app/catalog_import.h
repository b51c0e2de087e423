// Loading bibliographic records and their copies into the catalogue (shiori-admin import). Idempotent:
// a record is known by (source, source_id) and a copy by its barcode, so importing a file twice changes nothing.
#ifndef SHIORI_SERVER_APP_CATALOG_IMPORT_H_
#define SHIORI_SERVER_APP_CATALOG_IMPORT_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "server/catalog/bib_record.h"
#include "server/catalog/holdings.h"
#include "server/store/database.h"

namespace shiori::app {

struct ImportCounts {
  int records_seen = 0;
  int records_added = 0;
  int copies_added = 0;
};

struct ImportTitle {
  catalog::BibRecord record;
  std::vector<catalog::HoldingCopy> copies;
};

// Stores the titles, in transactions of a few hundred.
absl::StatusOr<ImportCounts> ImportTitles(store::Database& db, const std::vector<ImportTitle>& titles);

// The normalised text a record is searched by (C2): title, reading, subtitle, people, publisher, subjects …
std::string SearchTextOf(const catalog::BibRecord& record);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_CATALOG_IMPORT_H_
