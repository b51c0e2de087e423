// Inside the store: the columns a catalogue record is read with (table alias r) and their conversion.
#ifndef SHIORI_SERVER_STORE_RECORD_ROWS_H_
#define SHIORI_SERVER_STORE_RECORD_ROWS_H_

#include "server/store/catalog_store.h"
#include "server/store/sql_value.h"

namespace shiori::store {

inline constexpr char kRecordColumns[] =
    "r.id, r.source, r.source_id, r.title, r.title_kana, r.subtitle, r.responsibility, r.contributors, r.publisher,"
    " r.publication_year, r.isbn, r.ndc, r.subjects, r.material_type, r.series_title, r.issue_number, r.latest_issue";

// A row selected with kRecordColumns.
RecordRow ToRecord(const Row& row);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_RECORD_ROWS_H_
