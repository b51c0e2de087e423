// See dataset_loader.h.
#include "tools/benchmark/dataset_loader.h"

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "server/app/catalog_import.h"
#include "server/auth/secret_token.h"
#include "server/store/catalog_store.h"
#include "server/store/word_grams.h"

namespace shiori::bench {
namespace {

constexpr int64_t kChunkRows = 50'000;

// LOAD DATA's default escaping: backslash, tab and newline are written as \\, \t and \n.
void AppendField(std::string& line, absl::string_view value) {
  for (char c : value) {
    if (c == '\\') {
      line += "\\\\";
    } else if (c == '\t') {
      line += "\\t";
    } else if (c == '\n') {
      line += "\\n";
    } else {
      line += c;
    }
  }
}

template <typename... Fields>
void AppendRow(std::string& out, const Fields&... fields) {
  bool first = true;
  auto one = [&](const auto& f) {
    if (!first) out += '\t';
    first = false;
    AppendField(out, absl::StrCat(f));
  };
  (one(fields), ...);
  out += '\n';
}

// A record's row; its word index rows are appended to `grams` as (gram, record id).
std::string TitleRow(const WordPool& pool, int64_t id, std::vector<std::pair<int64_t, int64_t>>& grams) {
  GeneratedTitle t = MakeTitle(pool, id);
  const catalog::BibRecord& b = t.record;
  std::string contributors;
  for (const auto& c : b.contributors) absl::StrAppend(&contributors, c.role, "\t", c.name, "\t", c.name_kana, "\n");
  const std::string search_text = app::SearchTextOf(b);
  std::string row;
  AppendRow(row, id, b.source, b.source_id, b.title, b.title_kana, b.subtitle, b.responsibility, contributors,
            b.publisher, b.publication_year, b.isbn, b.ndc, absl::StrJoin(b.subjects, "\n"),
            static_cast<int>(b.material_type), b.series_title, store::SeriesKey(b.series_title), b.issue_number,
            b.latest_issue ? 1 : 0, search_text);
  for (int64_t g : store::IndexedGrams(search_text)) grams.emplace_back(g, id);
  return row;
}

std::string CopyRow(const DatasetSize& size, int64_t id) {
  GeneratedCopy c = MakeCopy(size, id);
  std::string row;
  // Accessioned on a day of the two years before 2026-04-01.
  int day = static_cast<int>(Mix(99, id) % 730);
  absl::CivilDay accession = absl::CivilDay(2026, 4, 1) - 1 - day;
  AppendRow(row, c.id, c.barcode, c.record_id, c.library, c.library, static_cast<int>(MaterialOf(c.record_id)),
            absl::FormatCivilTime(accession));
  return row;
}

std::string PatronRow(const WordPool& pool, const std::string& hash, int64_t id) {
  GeneratedPatron p = MakePatron(pool, id);
  std::string row;
  AppendRow(row, p.id, p.patron_number, static_cast<int>(p.category), p.name, p.name_kana, p.phone, p.library, hash);
  return row;
}

// One table: chunks generated on this thread, loaded on another, at most one chunk ahead.
absl::Status LoadTable(DirectSql& sql, const std::string& scratch_dir, const std::string& table, int64_t rows,
                       const std::string& load_tail, const std::function<std::string(int64_t)>& make_row,
                       const std::function<void(const std::string&)>& progress) {
  absl::Mutex mu;
  std::vector<std::string> ready;  // files waiting to be loaded
  bool done = false;
  absl::Status load_status;
  std::thread loader([&] {
    while (true) {
      std::string file;
      {
        absl::MutexLock lock(&mu);
        auto has_work = [&] { return !ready.empty() || done; };
        mu.Await(absl::Condition(&has_work));
        if (ready.empty()) return;
        file = ready.front();
        ready.erase(ready.begin());
      }
      absl::Status s = sql.Run(absl::StrCat("LOAD DATA INFILE '", file, "' INTO TABLE ", table,
                                            " CHARACTER SET utf8mb4 ", load_tail));
      std::filesystem::remove(file);
      if (!s.ok()) {
        absl::MutexLock lock(&mu);
        load_status = s;
        done = true;
        ready.clear();
        return;
      }
    }
  });
  int64_t next = 1;
  int chunk = 0;
  while (next <= rows) {
    {
      absl::MutexLock lock(&mu);
      auto room = [&] { return ready.size() < 2 || !load_status.ok(); };
      mu.Await(absl::Condition(&room));
      if (!load_status.ok()) break;
    }
    std::string file = absl::StrCat(scratch_dir, "/", table, "-", chunk++, ".tsv");
    {
      std::ofstream out(file, std::ios::binary);
      std::string buffer;
      const int64_t end = std::min(rows, next + kChunkRows - 1);
      for (; next <= end; ++next) {
        buffer += make_row(next);
        if (buffer.size() > (1 << 20)) {
          out << buffer;
          buffer.clear();
        }
      }
      out << buffer;
    }
    absl::MutexLock lock(&mu);
    ready.push_back(file);
    if (chunk % std::max<int64_t>(4, rows / kChunkRows / 5) == 0) {  // about five lines a table
      progress(absl::StrCat(table, ": ", next - 1, " of ", rows, " rows generated"));
    }
  }
  {
    absl::MutexLock lock(&mu);
    done = true;
  }
  loader.join();
  return load_status;
}

}  // namespace

absl::StatusOr<LoadTimes> LoadDataset(DirectSql& sql, const WordPool& pool, const DatasetSize& size,
                                      const std::string& scratch_dir, const std::string& password_hash,
                                      const std::function<void(const std::string&)>& progress) {
  LoadTimes times;
  std::vector<std::pair<int64_t, int64_t>> grams;
  grams.reserve(static_cast<size_t>(size.titles) * 32);
  const std::string tail = "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'";
  absl::Time start = absl::Now();
  absl::Status s = LoadTable(
      sql, scratch_dir, "record", size.titles,
      absl::StrCat(tail, " (id, source, source_id, title, title_kana, subtitle, responsibility, contributors,"
                         " publisher, publication_year, isbn, ndc, subjects, material_type, series_title, series_key,"
                         " issue_number, latest_issue, search_text)"),
      [&](int64_t id) { return TitleRow(pool, id, grams); }, progress);
  if (!s.ok()) return s;
  times.titles_s = absl::ToDoubleSeconds(absl::Now() - start);
  // The word index as an import writes it (store::IndexedGrams), loaded in key order so that InnoDB appends.
  start = absl::Now();
  std::sort(grams.begin(), grams.end());
  s = LoadTable(
      sql, scratch_dir, "record_gram", static_cast<int64_t>(grams.size()), absl::StrCat(tail, " (gram, record_id)"),
      [&](int64_t i) { return absl::StrCat(grams[i - 1].first, "\t", grams[i - 1].second, "\n"); }, progress);
  if (!s.ok()) return s;
  grams = {};
  times.word_index_s = absl::ToDoubleSeconds(absl::Now() - start);
  start = absl::Now();
  s = LoadTable(sql, scratch_dir, "copy", size.copies,
                absl::StrCat(tail, " (id, barcode, record_id, home_library, current_library, material_type,"
                                   " accession_date) SET status = 1"),
                [&](int64_t id) { return CopyRow(size, id); }, progress);
  if (!s.ok()) return s;
  times.copies_s = absl::ToDoubleSeconds(absl::Now() - start);
  start = absl::Now();
  s = LoadTable(sql, scratch_dir, "patron", size.patrons,
                absl::StrCat(tail, " (id, patron_number, category, name, name_kana, phone, home_library,"
                                   " password_hash) SET created_at = UTC_TIMESTAMP(6)"),
                [&](int64_t id) { return PatronRow(pool, password_hash, id); }, progress);
  if (!s.ok()) return s;
  // Every patron has one confirmed address, where hold-ready mail goes (R2, R10; a reservation asking for mail
  // without one is refused).
  s = sql.Run(
      "INSERT INTO patron_email (patron_id, slot, address, confirmed_at, created_at)"
      " SELECT id, 1, CONCAT('p', patron_number, '@example.jp'), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM patron");
  if (!s.ok()) return s;
  times.patrons_s = absl::ToDoubleSeconds(absl::Now() - start);
  start = absl::Now();
  for (const char* table : {"record", "record_gram", "copy", "patron"}) {
    auto analyzed = sql.Column(absl::StrCat("ANALYZE TABLE ", table));
    if (!analyzed.ok()) return analyzed.status();
  }
  times.analyze_s = absl::ToDoubleSeconds(absl::Now() - start);
  return times;
}

absl::StatusOr<int64_t> AddBenchStaff(DirectSql& sql, const std::string& password_hash) {
  int64_t id = 0;
  absl::Status s = CatchSql([&] {
    sql::PreparedStatement* insert =
        sql.Prepare("INSERT INTO staff (staff_id, name, password_hash) VALUES ('b0001', 'ベンチ 職員', ?)");
    insert->setString(1, password_hash);
    insert->executeUpdate();
  });
  if (!s.ok()) return s;
  auto ids = sql.Column("SELECT id FROM staff WHERE staff_id = 'b0001'");
  if (!ids.ok()) return ids.status();
  if (ids->empty()) return absl::InternalError("the bench staff row is missing");
  id = std::stoll(ids->front());
  s = sql.Run(absl::StrCat("INSERT INTO staff_library (staff_id, library_id) VALUES (", id, ", 'main'), (", id,
                           ", 'branch')"));
  if (!s.ok()) return s;
  return id;
}

absl::StatusOr<std::vector<BenchSession>> OpenSessions(DirectSql& sql, const std::vector<int64_t>& patron_ids,
                                                       int subject_kind) {
  std::vector<BenchSession> out;
  absl::Status s = CatchSql([&] {
    sql.connection().setAutoCommit(false);
    sql::PreparedStatement* insert = sql.Prepare(
        "INSERT INTO session (token_hash, subject_kind, subject_id, channel, created_at, last_seen_at)"
        " VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
    for (int64_t id : patron_ids) {
      auto token = auth::NewSecretToken();
      if (!token.ok()) continue;  // only when libsodium cannot start; the caller sees fewer sessions
      insert->setString(1, auth::TokenHash(*token));
      insert->setInt(2, subject_kind);
      insert->setInt64(3, id);
      insert->setInt(4, subject_kind == 1 ? v1::INTERNET : v1::COUNTER);
      insert->executeUpdate();
      out.push_back({id, *token});
    }
    sql.connection().commit();
    sql.connection().setAutoCommit(true);
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace shiori::bench
