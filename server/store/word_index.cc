// See word_index.h.
#include "server/store/word_index.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/store/word_grams.h"

namespace shiori::store {
namespace {

// Rows per INSERT. A shorter last batch repeats its last row, which INSERT IGNORE drops, so that every insert
// is the same statement text (one prepared statement per connection).
constexpr size_t kRowsPerInsert = 64;
constexpr int64_t kIdsPerRange = 2000;

const std::string& InsertSql() {
  static const std::string* sql = [] {
    auto* s = new std::string("INSERT IGNORE INTO record_gram (gram, record_id) VALUES ");
    for (size_t i = 0; i < kRowsPerInsert; ++i) absl::StrAppend(s, i ? ", " : "", "(?, ?)");
    return s;
  }();
  return *sql;
}

struct GramRow {
  int64_t gram;
  int64_t record_id;
};

absl::Status InsertGrams(Tx& tx, const std::vector<GramRow>& rows) {
  std::vector<SqlValue> params;
  params.reserve(2 * kRowsPerInsert);
  for (size_t start = 0; start < rows.size(); start += kRowsPerInsert) {
    params.clear();
    for (size_t i = 0; i < kRowsPerInsert; ++i) {
      const GramRow& r = rows[std::min(start + i, rows.size() - 1)];
      params.push_back(r.gram);
      params.push_back(r.record_id);
    }
    auto n = tx.Execute(InsertSql(), params);
    if (!n.ok()) return n.status();
  }
  return absl::OkStatus();
}

void AddGrams(int64_t record_id, absl::string_view search_text, std::vector<GramRow>& out) {
  for (int64_t g : IndexedGrams(search_text)) out.push_back({g, record_id});
}

}  // namespace

absl::Status IndexRecordWords(Tx& tx, int64_t record_id, absl::string_view search_text) {
  std::vector<GramRow> rows;
  AddGrams(record_id, search_text, rows);
  return InsertGrams(tx, rows);
}

absl::StatusOr<int64_t> ReindexRecordRange(Tx& tx, int64_t after_id, int64_t id_span) {
  // A locking read waits for an import that has inserted a record in the range and not committed yet, and then
  // sees it; the grams removed are only those up to the last record read, so a record added after this read
  // keeps the grams its import writes.
  auto records = tx.Query("SELECT id, search_text FROM record WHERE id > ? AND id <= ? ORDER BY id LOCK IN SHARE MODE",
                          {after_id, after_id + id_span});
  if (!records.ok()) return records.status();
  if (records->empty()) return int64_t{0};
  auto removed = tx.Execute("DELETE FROM record_gram WHERE record_id > ? AND record_id <= ?",
                            {after_id, records->back().Int(0)});
  if (!removed.ok()) return removed.status();
  std::vector<GramRow> rows;
  for (const Row& r : *records) AddGrams(r.Int(0), r.Str(1), rows);
  absl::Status inserted = InsertGrams(tx, rows);
  if (!inserted.ok()) return inserted;
  return static_cast<int64_t>(records->size());
}

namespace {

absl::StatusOr<int64_t> LargestRecordId(Tx& tx) {
  auto top = tx.Query("SELECT COALESCE(MAX(id), 0) FROM record");
  if (!top.ok()) return top.status();
  return top->at(0).Int(0);
}

// Runs `range` over every id range up to `last`, the largest record id at the start; records added later
// were indexed by their own import.
absl::StatusOr<int64_t> EachRange(int64_t last, const std::function<absl::StatusOr<int64_t>(int64_t)>& range) {
  int64_t records = 0;
  for (int64_t after = 0; after < last; after += kIdsPerRange) {
    auto n = range(after);
    if (!n.ok()) return n.status();
    records += *n;
  }
  return records;
}

}  // namespace

absl::StatusOr<int64_t> RebuildWordIndex(Database& db) {
  int64_t last = 0;
  absl::Status read = db.WithConnection([&](Tx& tx) -> absl::Status {
    auto top = LargestRecordId(tx);
    if (!top.ok()) return top.status();
    last = *top;
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  return EachRange(last, [&](int64_t after) -> absl::StatusOr<int64_t> {
    int64_t n = 0;
    absl::Status done = db.InTransaction([&](Tx& tx) -> absl::Status {
      auto indexed = ReindexRecordRange(tx, after, kIdsPerRange);
      if (!indexed.ok()) return indexed.status();
      n = *indexed;
      return absl::OkStatus();
    });
    if (!done.ok()) return done;
    return n;
  });
}

absl::StatusOr<int64_t> RebuildWordIndex(Tx& tx) {
  auto last = LargestRecordId(tx);
  if (!last.ok()) return last.status();
  return EachRange(*last, [&](int64_t after) { return ReindexRecordRange(tx, after, kIdsPerRange); });
}

}  // namespace shiori::store
