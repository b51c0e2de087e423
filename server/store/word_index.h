// Writing the catalogue's word index (rule C2): the table record_gram, one row per distinct gram of a record's
// search text (server/store/word_grams.h). It is an InnoDB table written in the same transaction as the record,
// so a search never sees a record without its grams or grams without their record, and it replicates with the
// rest of the database.
#ifndef SHIORI_SERVER_STORE_WORD_INDEX_H_
#define SHIORI_SERVER_STORE_WORD_INDEX_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/store/database.h"

namespace shiori::store {

// Adds the grams of one record's search text (a new record: nothing to remove).
absl::Status IndexRecordWords(Tx& tx, int64_t record_id, absl::string_view search_text);

// Re-indexes the records with ids in (after_id, after_id + id_span]: their grams are replaced by those of
// their current text. Returns how many records there were.
absl::StatusOr<int64_t> ReindexRecordRange(Tx& tx, int64_t after_id, int64_t id_span);

// Re-indexes every record, a range at a time, each range in its own transaction: searches meanwhile see
// each record either with its old grams or with its new ones. Returns the number of records.
absl::StatusOr<int64_t> RebuildWordIndex(Database& db);

// The same on one connection, each statement committing on its own (the migrations, before serving).
absl::StatusOr<int64_t> RebuildWordIndex(Tx& tx);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_WORD_INDEX_H_
