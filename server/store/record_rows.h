// Inside the store: the columns a catalogue record is read with (table alias r) and their conversion.
#ifndef SHIORI_SERVER_STORE_RECORD_ROWS_H_
#define SHIORI_SERVER_STORE_RECORD_ROWS_H_

#include "server/store/catalog_store.h"
#include "server/store/sql_value.h"

namespace shiori::store {

inline constexpr char kRecordColumns[] =
    "r.id, r.source, r.source_id, r.title, r.title_kana, r.subtitle, r.responsibility, r.contributors, r.publisher,"
    " r.publication_year, r.isbn, r.ndc, r.subjects, r.material_type, r.series_title, r.issue_number, r.latest_issue";

inline constexpr int kRecordColumnCount = ColumnsIn(kRecordColumns);

// A row selected with kRecordColumns.
RecordRow ToRecord(const Row& row);

// A record's copy and queue counts (RecordStats), as three more columns of a query on `record r`: each is one
// look-up by an index, done only for the rows the query returns.
inline constexpr char kRecordStatsColumns[] =
    "(SELECT COUNT(*) FROM copy c WHERE c.record_id = r.id),"
    " (SELECT COUNT(*) FROM copy c WHERE c.record_id = r.id AND c.status = 1 AND c.reservation_id IS NULL),"
    " (SELECT COUNT(*) FROM reservation v WHERE v.record_id = r.id AND v.state = 1)";

// The kRecordStatsColumns of a row, starting at column `first`.
RecordStats ToRecordStats(const Row& row, int first);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_RECORD_ROWS_H_
