// The catalogue in MariaDB: libraries, records (titles) and their copies.
#ifndef SHIORI_SERVER_STORE_CATALOG_STORE_H_
#define SHIORI_SERVER_STORE_CATALOG_STORE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "server/store/database.h"

namespace shiori::store {

struct LibraryRow {
  std::string id;
  std::string display_name;
  std::string display_name_en;
  bool pickup_location = true;
  int sort_order = 0;
};

struct ContributorRow {
  std::string role;
  std::string name;
  std::string name_kana;
};

struct RecordRow {
  int64_t id = 0;
  std::string source;
  std::string source_id;
  std::string title;
  std::string title_kana;
  std::string subtitle;
  std::string responsibility;
  std::vector<ContributorRow> contributors;
  std::string publisher;
  int publication_year = 0;
  std::string isbn;
  std::string ndc;
  std::vector<std::string> subjects;
  int material_type = 0;  // shiori.v1.MaterialType
  std::string series_title;
  int issue_number = 0;
  bool latest_issue = false;
};

// copy.status
enum CopyStatus { kOnShelf = 1, kOnLoan = 2, kInTransit = 3, kOnHoldShelf = 4 };

struct CopyRow {
  int64_t id = 0;
  std::string barcode;
  int64_t record_id = 0;
  std::string home_library;
  std::string current_library;
  int material_type = 0;
  int status = kOnShelf;
  std::optional<int64_t> reservation_id;
  absl::CivilDay accession_date;
  std::optional<absl::CivilDay> due_date;  // of the open loan, when on loan
};

struct RecordStats {
  int copies = 0;
  int available = 0;  // on the shelf and not held for anyone
  int waiting = 0;    // reservations waiting for a copy
};

absl::StatusOr<std::vector<LibraryRow>> ListLibraries(Tx& tx);
absl::Status UpsertLibrary(Tx& tx, const LibraryRow& library);

absl::StatusOr<std::optional<RecordRow>> FindRecord(Tx& tx, int64_t id);
absl::StatusOr<std::vector<CopyRow>> CopiesOfRecord(Tx& tx, int64_t record_id);
absl::StatusOr<std::map<int64_t, RecordStats>> StatsOfRecords(Tx& tx, const std::vector<int64_t>& record_ids);

// The normalised text a record is searched by (C2): title, reading, subtitle, series, responsibility, people
// and their readings, publisher, subjects and ISBN, each field by text::NormalizeFieldForSearch, between field
// separators. What an import, a magazine issue and the migration that refreshes old texts all write.
std::string SearchTextOf(const RecordRow& record);
// Migration 0037: gives every record the search text SearchTextOf makes now (Latin words kept apart); returns
// how many changed.
absl::StatusOr<int64_t> RefreshSearchTexts(Tx& tx);

// Import: inserts the record unless one with the same (source, source_id) exists; returns its id and whether it
// was new. search_text is the normalised text searched by SearchRecords. An existing record is left as it is
// but for its material type, which follows the file as read now (with its copies of the former type).
struct UpsertResult {
  int64_t id = 0;
  bool inserted = false;
};
absl::StatusOr<UpsertResult> InsertRecordIfMissing(Tx& tx, const RecordRow& record, const std::string& search_text);

// The key a magazine's issues are found by (R5): the series title in the search form (C2), at most 500 bytes.
std::string SeriesKey(absl::string_view series_title);
// Writes the series key of every record with a series title and no key yet (migration 0035). Returns how many.
absl::StatusOr<int64_t> FillSeriesKeys(Tx& tx);
// Inserts the copy unless its barcode exists. Returns true when inserted.
absl::StatusOr<bool> InsertCopyIfMissing(Tx& tx, const CopyRow& copy);

// ANALYZE TABLE of the catalogue's tables (records, copies, the word index), after an import has changed them.
absl::Status AnalyzeCatalogTables(Tx& tx);
absl::StatusOr<int64_t> CountRecords(Tx& tx, const std::string& source);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_CATALOG_STORE_H_
