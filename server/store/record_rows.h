// Inside the store: the columns a catalogue record is read with (table alias r) and their conversion.
#ifndef SHIORI_SERVER_STORE_RECORD_ROWS_H_
#define SHIORI_SERVER_STORE_RECORD_ROWS_H_

#include <cstdint>
#include <string>

#include "server/store/catalog_store.h"
#include "server/store/sql_value.h"

namespace shiori::store {

inline constexpr char kRecordColumns[] =
    "r.id, r.source, r.source_id, r.title, r.title_kana, r.subtitle, r.responsibility, r.contributors, r.publisher,"
    " r.publication_year, r.isbn, r.ndc, r.subjects, r.material_type, r.series_title, r.issue_number, r.latest_issue";

inline constexpr int kRecordColumnCount = ColumnsIn(kRecordColumns);

// A row selected with kRecordColumns.
RecordRow ToRecord(const Row& row);

// A record's copy and queue counts (RecordStats), as two more columns of a query on `record r`, each one range
// of an index read only for the rows the query returns. The copy counts come from one pass over the title's
// copies, as copies * kCopyCountBase + free copies (a title has far fewer copies than kCopyCountBase).
inline constexpr int64_t kCopyCountBase = 1000000;
const std::string& RecordStatsColumns();

// Put before a SELECT with RecordStatsColumns(). Each subquery runs once per record, so MariaDB's subquery
// cache (a temporary table per subquery, set up by every execution) only costs: a search takes 10% less
// MariaDB time without it.
inline constexpr char kWithoutSubqueryCache[] = "SET STATEMENT optimizer_switch='subquery_cache=off' FOR ";

// The RecordStatsColumns() of a row, starting at column `first`.
RecordStats ToRecordStats(const Row& row, int first);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_RECORD_ROWS_H_
