// Catalogue word search (rule C2): the records whose normalised text contains every query word, a page at a
// time in id order, found through the word index (record_gram) and confirmed in the text.
#ifndef SHIORI_SERVER_STORE_RECORD_SEARCH_H_
#define SHIORI_SERVER_STORE_RECORD_SEARCH_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/catalog_store.h"
#include "server/store/database.h"

namespace shiori::store {

struct RecordSearch {
  std::vector<std::string> words;   // normalised (NormalizeForSearch), without '|'; all must match; empty: any
  std::vector<int> material_types;  // a copy of any of them; empty: any
  std::string library;              // a copy owned by this library; empty: any
  int64_t after_id = 0;             // keyset paging: records with a larger id
  int limit = 20;
};

struct FoundRecord {
  RecordRow record;
  RecordStats stats;
};

absl::StatusOr<std::vector<FoundRecord>> SearchRecords(Tx& tx, const RecordSearch& search);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_RECORD_SEARCH_H_
