// See catalog_store.h.
#include "server/store/catalog_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/common/error.h"
#include "server/common/utf8_chars.h"
#include "server/store/record_rows.h"
#include "server/store/word_grams.h"
#include "server/store/word_index.h"
#include "server/text/search_text.h"

namespace shiori::store {

const std::string& RecordStatsColumns() {
  static const std::string* columns = new std::string(absl::StrCat(
      "(SELECT COUNT(*) * ", kCopyCountBase, " + COALESCE(SUM(c.status = 1 AND c.reservation_id IS NULL), 0)",
      " FROM copy c WHERE c.record_id = r.id),",
      " (SELECT COUNT(*) FROM reservation v WHERE v.record_id = r.id AND v.state = 1)"));
  return *columns;
}

RecordStats ToRecordStats(const Row& row, int first) {
  const int64_t copies = row.Int(first);
  return RecordStats{static_cast<int>(copies / kCopyCountBase), static_cast<int>(copies % kCopyCountBase),
                     static_cast<int>(row.Int(first + 1))};
}

RecordRow ToRecord(const Row& row) {
  RecordRow r;
  r.id = row.Int(0);
  r.source = row.Str(1);
  r.source_id = row.Str(2);
  r.title = row.Str(3);
  r.title_kana = row.Str(4);
  r.subtitle = row.Str(5);
  r.responsibility = row.Str(6);
  for (absl::string_view line : absl::StrSplit(row.Str(7), '\n', absl::SkipEmpty())) {
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    f.resize(3);
    r.contributors.push_back({f[0], f[1], f[2]});
  }
  r.publisher = row.Str(8);
  r.publication_year = static_cast<int>(row.Int(9));
  r.isbn = row.Str(10);
  r.ndc = row.Str(11);
  r.subjects = absl::StrSplit(row.Str(12), '\n', absl::SkipEmpty());
  r.material_type = static_cast<int>(row.Int(13));
  r.series_title = row.Str(14);
  r.issue_number = static_cast<int>(row.Int(15));
  r.latest_issue = row.Bool(16);
  return r;
}

absl::StatusOr<std::vector<LibraryRow>> ListLibraries(Tx& tx) {
  auto rows = tx.Query(
      "SELECT id, display_name, display_name_en, pickup_location, sort_order FROM library ORDER BY sort_order, id");
  if (!rows.ok()) return rows.status();
  std::vector<LibraryRow> out;
  for (const Row& r : *rows) {
    out.push_back({r.Str(0), r.Str(1), r.Str(2), r.Bool(3), static_cast<int>(r.Int(4))});
  }
  return out;
}

absl::Status UpsertLibrary(Tx& tx, const LibraryRow& l) {
  return tx
      .Execute(
          "INSERT INTO library (id, display_name, display_name_en, pickup_location, sort_order) VALUES (?, ?, ?, ?, ?)"
          " ON DUPLICATE KEY UPDATE display_name = VALUES(display_name), display_name_en = VALUES(display_name_en),"
          " pickup_location = VALUES(pickup_location), sort_order = VALUES(sort_order)",
          {l.id, l.display_name, l.display_name_en, int64_t{l.pickup_location}, int64_t{l.sort_order}})
      .status();
}

absl::StatusOr<std::optional<RecordRow>> FindRecord(Tx& tx, int64_t id) {
  auto rows = tx.Query(absl::StrCat("SELECT ", kRecordColumns, " FROM record r WHERE r.id = ?"), {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<RecordRow>();
  return std::optional<RecordRow>(ToRecord(rows->front()));
}

absl::StatusOr<std::vector<CopyRow>> CopiesOfRecord(Tx& tx, int64_t record_id) {
  auto rows = tx.Query(
      "SELECT c.id, c.barcode, c.record_id, c.home_library, c.current_library, c.material_type, c.status,"
      " c.reservation_id, c.accession_date, l.due_date FROM copy c"
      " LEFT JOIN loan l ON l.open_copy_id = c.id WHERE c.record_id = ? ORDER BY c.id",
      {record_id});
  if (!rows.ok()) return rows.status();
  std::vector<CopyRow> out;
  for (const Row& r : *rows) {
    CopyRow c;
    c.id = r.Int(0);
    c.barcode = r.Str(1);
    c.record_id = r.Int(2);
    c.home_library = r.Str(3);
    c.current_library = r.Str(4);
    c.material_type = static_cast<int>(r.Int(5));
    c.status = static_cast<int>(r.Int(6));
    if (!r.IsNull(7)) c.reservation_id = r.Int(7);
    c.accession_date = r.Day(8).value_or(absl::CivilDay());
    c.due_date = r.Day(9);
    out.push_back(std::move(c));
  }
  return out;
}

absl::StatusOr<std::map<int64_t, RecordStats>> StatsOfRecords(Tx& tx, const std::vector<int64_t>& ids) {
  std::map<int64_t, RecordStats> out;
  if (ids.empty()) return out;
  // Placeholders, not the ids in the text: a text per id would be prepared anew for every call (and push the
  // connection's other statements out of its cache).
  std::vector<SqlValue> params(ids.begin(), ids.end());
  std::vector<std::string> marks(ids.size(), "?");
  auto rows = tx.Query(absl::StrCat(kWithoutSubqueryCache, "SELECT r.id, ", RecordStatsColumns(),
                                    " FROM record r WHERE r.id IN (", absl::StrJoin(marks, ","), ")"),
                       params);
  if (!rows.ok()) return rows.status();
  for (const Row& r : *rows) out[r.Int(0)] = ToRecordStats(r, 1);
  return out;
}

absl::StatusOr<UpsertResult> InsertRecordIfMissing(Tx& tx, const RecordRow& r, const std::string& search_text) {
  std::string contributors;
  for (const auto& c : r.contributors) absl::StrAppend(&contributors, c.role, "\t", c.name, "\t", c.name_kana, "\n");
  auto n = tx.Query(
      "INSERT IGNORE INTO record (source, source_id, title, title_kana, subtitle, responsibility, contributors,"
      " publisher, publication_year, isbn, ndc, subjects, material_type, series_title, series_key, issue_number,"
      " latest_issue, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {r.source, r.source_id, r.title, r.title_kana, r.subtitle, r.responsibility, contributors, r.publisher,
       int64_t{r.publication_year}, r.isbn, r.ndc, absl::StrJoin(r.subjects, "\n"), int64_t{r.material_type},
       r.series_title, SeriesKey(r.series_title), int64_t{r.issue_number}, int64_t{r.latest_issue}, search_text});
  if (!n.ok()) return n.status();
  if (!n->empty()) {  // inserted; an IGNOREd row returns nothing
    const int64_t id = n->front().Int(0);
    absl::Status indexed = IndexRecordWords(tx, id, search_text);
    if (!indexed.ok()) return indexed;
    return UpsertResult{id, true};
  }
  auto rows = tx.Query("SELECT id, material_type FROM record WHERE source = ? AND source_id = ?",
                       {r.source, r.source_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    // IGNORE also turns a value that does not fit into a warning; a row that is neither new nor there is one.
    return Error(absl::StatusCode::kInvalidArgument, "RECORD_NOT_STORABLE", "資料を登録できませんでした")
        .English(absl::StrCat("record ", r.source, "/", r.source_id, " was neither inserted nor found"));
  }
  const int64_t id = rows->front().Int(0);
  const int64_t was = rows->front().Int(1);
  if (was != r.material_type) {
    // C3: the file read again gives another material type (a reader that now knows a recording from a book):
    // the record takes it, and so do its copies that had the old one.
    auto retyped = tx.Execute("UPDATE record SET material_type = ? WHERE id = ?", {int64_t{r.material_type}, id});
    if (!retyped.ok()) return retyped.status();
    auto copies = tx.Execute("UPDATE copy SET material_type = ? WHERE record_id = ? AND material_type = ?",
                             {int64_t{r.material_type}, id, was});
    if (!copies.ok()) return copies.status();
  }
  return UpsertResult{id, false};
}

absl::StatusOr<bool> InsertCopyIfMissing(Tx& tx, const CopyRow& c) {
  auto n = tx.Execute(
      "INSERT IGNORE INTO copy (barcode, record_id, home_library, current_library, material_type, status,"
      " accession_date) VALUES (?, ?, ?, ?, ?, 1, ?)",
      {c.barcode, c.record_id, c.home_library, c.home_library, int64_t{c.material_type}, c.accession_date});
  if (!n.ok()) return n.status();
  return *n > 0;
}

absl::StatusOr<int64_t> CountRecords(Tx& tx, const std::string& source) {
  auto rows = source.empty() ? tx.Query("SELECT COUNT(*) FROM record")
                             : tx.Query("SELECT COUNT(*) FROM record WHERE source = ?", {source});
  if (!rows.ok()) return rows.status();
  return rows->at(0).Int(0);
}

std::string SearchTextOf(const RecordRow& r) {
  // Fields are normalised one by one and joined with kFieldSeparator ('|'), which the normal form keeps, so a
  // query word never matches across the end of one field and the start of the next.
  std::string out;
  auto add = [&](const std::string& field) {
    std::string n = text::NormalizeFieldForSearch(field);
    if (n.empty()) return;
    out.push_back(kFieldSeparator);
    out += n;
  };
  add(r.title);
  add(r.title_kana);
  add(r.subtitle);
  add(r.series_title);
  add(r.responsibility);
  for (const auto& c : r.contributors) {
    add(c.name);
    add(c.name_kana);
  }
  add(r.publisher);
  for (const auto& s : r.subjects) add(s);
  add(r.isbn);
  out.push_back(kFieldSeparator);
  return out;
}

absl::StatusOr<int64_t> RefreshSearchTexts(Tx& tx) {
  int64_t changed = 0;
  int64_t after = 0;
  while (true) {
    auto rows = tx.Query(absl::StrCat("SELECT ", kRecordColumns, ", r.search_text FROM record r WHERE r.id > ?"
                                      " ORDER BY r.id LIMIT 2000"),
                         {after});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return changed;
    for (const Row& row : *rows) {
      const RecordRow r = ToRecord(row);
      after = r.id;
      const std::string text = SearchTextOf(r);
      if (text == row.Str(kRecordColumnCount)) continue;
      // The word index keeps its rows: the new text's grams are among the old one's (a space only takes pairs
      // away), and a row too many costs a look-up, never a wrong result.
      auto n = tx.Execute("UPDATE record SET search_text = ? WHERE id = ?", {text, r.id});
      if (!n.ok()) return n.status();
      ++changed;
    }
  }
}

std::string SeriesKey(absl::string_view series_title) {
  return std::string(Utf8Prefix(text::NormalizeForSearch(series_title), 500));
}

absl::StatusOr<int64_t> FillSeriesKeys(Tx& tx) {
  auto rows = tx.Query("SELECT id, series_title FROM record WHERE series_title <> '' AND series_key = ''");
  if (!rows.ok()) return rows.status();
  for (const Row& r : *rows) {
    auto n = tx.Execute("UPDATE record SET series_key = ? WHERE id = ?", {SeriesKey(r.Str(1)), r.Int(0)});
    if (!n.ok()) return n.status();
  }
  return static_cast<int64_t>(rows->size());
}

absl::Status AnalyzeCatalogTables(Tx& tx) {
  return tx.Query("ANALYZE TABLE record, copy, record_gram").status();
}

}  // namespace shiori::store
