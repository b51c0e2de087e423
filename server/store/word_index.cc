// See word_index.h.
#include "server/store/word_index.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/store/word_grams.h"

namespace shiori::store {
namespace {

// Rows per INSERT: a record's grams fit in one or two statements; a rebuild sends many records' at once, so
// that a range costs few round trips (and few commits where each statement commits on its own). A shorter last
// batch repeats its last row, which INSERT IGNORE drops, so that each size is one statement text (one prepared
// statement per connection).
constexpr size_t kRecordBatch = 64;
constexpr size_t kRebuildBatch = 2048;
constexpr int64_t kIdsPerRange = 2000;

std::string InsertSql(size_t rows) {
  std::string s = "INSERT IGNORE INTO record_gram (gram, record_id) VALUES ";
  for (size_t i = 0; i < rows; ++i) absl::StrAppend(&s, i ? ", " : "", "(?, ?)");
  return s;
}

struct GramRow {
  int64_t gram;
  int64_t record_id;
};

absl::Status InsertGrams(Tx& tx, const std::vector<GramRow>& rows, size_t batch) {
  static const std::string* record_sql = new std::string(InsertSql(kRecordBatch));
  static const std::string* rebuild_sql = new std::string(InsertSql(kRebuildBatch));
  const std::string& sql = batch == kRecordBatch ? *record_sql : *rebuild_sql;
  std::vector<SqlValue> params;
  params.reserve(2 * batch);
  for (size_t start = 0; start < rows.size(); start += batch) {
    params.clear();
    for (size_t i = 0; i < batch; ++i) {
      const GramRow& r = rows[std::min(start + i, rows.size() - 1)];
      params.push_back(r.gram);
      params.push_back(r.record_id);
    }
    auto n = tx.Execute(sql, params);
    if (!n.ok()) return n.status();
  }
  return absl::OkStatus();
}

void AddGrams(int64_t record_id, absl::string_view search_text, std::vector<GramRow>& out) {
  for (int64_t g : IndexedGrams(search_text)) out.push_back({g, record_id});
}

absl::StatusOr<int64_t> LargestRecordId(Tx& tx) {
  auto top = tx.Query("SELECT COALESCE(MAX(id), 0) FROM record");
  if (!top.ok()) return top.status();
  return top->at(0).Int(0);
}

}  // namespace

absl::Status IndexRecordWords(Tx& tx, int64_t record_id, absl::string_view search_text) {
  std::vector<GramRow> rows;
  AddGrams(record_id, search_text, rows);
  return InsertGrams(tx, rows, kRecordBatch);
}

absl::StatusOr<int64_t> IndexRecordRange(Tx& tx, int64_t after_id, int64_t id_span) {
  auto records = tx.Query("SELECT id, search_text FROM record WHERE id > ? AND id <= ? ORDER BY id",
                          {after_id, after_id + id_span});
  if (!records.ok()) return records.status();
  std::vector<GramRow> rows;
  for (const Row& r : *records) AddGrams(r.Int(0), r.Str(1), rows);
  // In key order: neighbouring rows go to the same index pages.
  std::sort(rows.begin(), rows.end(), [](const GramRow& a, const GramRow& b) {
    return a.gram != b.gram ? a.gram < b.gram : a.record_id < b.record_id;
  });
  absl::Status inserted = InsertGrams(tx, rows, kRebuildBatch);
  if (!inserted.ok()) return inserted;
  return static_cast<int64_t>(records->size());
}

absl::StatusOr<int64_t> RebuildWordIndex(Tx& tx) {
  auto last = LargestRecordId(tx);
  if (!last.ok()) return last.status();
  int64_t records = 0;
  for (int64_t after = 0; after < *last; after += kIdsPerRange) {
    auto n = IndexRecordRange(tx, after, kIdsPerRange);
    if (!n.ok()) return n.status();
    records += *n;
  }
  return records;
}

}  // namespace shiori::store
