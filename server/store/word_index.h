// Writing the catalogue's word index (rule C2): the table record_gram, one row per distinct gram of a record's
// search text (server/store/word_grams.h). It is an InnoDB table written in the same transaction as the record,
// so a search never sees a record without its grams or grams without their record, and it replicates with the
// rest of the database.
//
// The index only has to hold every gram of every record: a search confirms each word in the text itself, so a
// row too many (a gram of no record, or of a text since changed) costs a look-up, never a wrong result. That is
// why refilling it only adds what is missing and never deletes.
#ifndef SHIORI_SERVER_STORE_WORD_INDEX_H_
#define SHIORI_SERVER_STORE_WORD_INDEX_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/store/database.h"

namespace shiori::store {

// Adds the grams of one record's search text.
absl::Status IndexRecordWords(Tx& tx, int64_t record_id, absl::string_view search_text);

// Adds the grams missing for the records with ids in (after_id, after_id + id_span]. Returns how many records
// there were.
absl::StatusOr<int64_t> IndexRecordRange(Tx& tx, int64_t after_id, int64_t id_span);

// Adds the grams missing for every record, a range of ids at a time, up to the largest id at the start (records
// added later are indexed by their own import). On a connection where each statement commits on its own: an
// import meanwhile writes its grams in its own transaction, and INSERT IGNORE never loses or doubles a row.
// Returns the number of records.
absl::StatusOr<int64_t> RebuildWordIndex(Tx& tx);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_WORD_INDEX_H_
