// See record_search.h.
//
// Two ways find the records that contain every word, with the same answer:
//   - reading records in id order and matching each word with LIKE: about 2 µs a record, so it is fast when
//     the words are common (a page of 21 is found within a few hundred records) and slow when they are rare;
//   - the word index: Mroonga computes each word's whole hit set before it keeps the first page, so its cost
//     grows with the number of records that contain each word (on a million generated titles, a word in a third
//     of them costs 100–200 ms, one in a few hundred titles 2–4 ms).
// Which words are common is not known beforehand, so a search first reads a window of ids after the page start:
//   1. the next kProbeIds ids with LIKE; a full page there is the page;
//   2. when the window held matches often enough that the rest of the page should lie within kMaxScanIds more
//      ids, those ids, the same way;
//   3. the index, for the ids after what was read. Words found in the window often enough (kCommonInProbe) are
//      left out of the index query and instead filter its hits with LIKE, unless every word was that common.
// Both ways read contiguous id ranges (the scan up to an id, the index after it), so the page is the first
// `limit` matching records after the page start either way.
#include "server/store/record_search.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/store/fulltext_query.h"
#include "server/store/record_rows.h"

namespace shiori::store {
namespace {

constexpr int64_t kProbeIds = 512;
constexpr int64_t kMaxScanIds = 4096;
// Matches in the first window from which reading on is cheaper than the index (about 1% of the records).
constexpr int64_t kExtendFrom = 6;
// Matches of one word in the first window from which it is left to LIKE (about 2% of the records).
constexpr int64_t kCommonInProbe = 10;

// LIKE pattern matching `word` anywhere, with the wildcards in it escaped.
std::string ContainsPattern(absl::string_view word) {
  std::string out = "%";
  for (char c : word) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

class Search {
 public:
  Search(Tx& tx, const RecordSearch& s) : tx_(tx), s_(s) {
    if (!s.material_types.empty() || !s.library.empty()) {
      copies_ = " AND EXISTS (SELECT 1 FROM copy c WHERE c.record_id = r.id";
      if (!s.material_types.empty()) {
        absl::StrAppend(&copies_, " AND c.material_type IN (", absl::StrJoin(s.material_types, ","), ")");
      }
      if (!s.library.empty()) {
        absl::StrAppend(&copies_, " AND c.home_library = ?");
        copy_params_.push_back(s.library);
      }
      absl::StrAppend(&copies_, ")");
    }
  }

  absl::StatusOr<std::vector<RecordRow>> Run() {
    if (s_.words.empty()) {
      absl::Status all = Read(absl::StrCat("SELECT ", kRecordColumns, " FROM record r WHERE r.id > ?", copies_,
                                           " ORDER BY r.id LIMIT ?"),
                              {s_.after_id}, Rest());
      if (!all.ok()) return all;
      return std::move(out_);
    }
    int64_t scanned_to = s_.after_id + kProbeIds;
    absl::Status probed = Scan(s_.after_id, scanned_to);
    if (!probed.ok()) return probed;
    if (Full()) return std::move(out_);
    const int64_t found = static_cast<int64_t>(out_.size());
    if (found >= kExtendFrom) {
      // At the rate of the first window, the rest of the page lies within `need` more ids.
      const int64_t need = (Rest() * kProbeIds / found) * 5 / 4 + 1;
      if (need <= kMaxScanIds) {
        absl::Status more = Scan(scanned_to, scanned_to + need);
        if (!more.ok()) return more;
        scanned_to += need;
        if (Full()) return std::move(out_);
      }
    }
    auto common = CommonWords();
    if (!common.ok()) return common.status();
    absl::Status indexed = FromIndex(scanned_to, *common);
    if (!indexed.ok()) return indexed;
    return std::move(out_);
  }

 private:
  int64_t Rest() const { return s_.limit - static_cast<int64_t>(out_.size()); }
  bool Full() const { return Rest() <= 0; }

  absl::Status Read(const std::string& sql, std::vector<SqlValue> params, int64_t limit) {
    params.insert(params.end(), copy_params_.begin(), copy_params_.end());
    params.push_back(limit);
    auto rows = tx_.Query(sql, params);
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) out_.push_back(ToRecord(r));
    return absl::OkStatus();
  }

  // Records in (from, to] containing every word, in id order, up to the rest of the page.
  absl::Status Scan(int64_t from, int64_t to) {
    std::string sql = absl::StrCat("SELECT ", kRecordColumns, " FROM record r WHERE r.id > ? AND r.id <= ?");
    std::vector<SqlValue> params = {from, to};
    for (const std::string& w : s_.words) {
      absl::StrAppend(&sql, " AND r.search_text LIKE ?");
      params.push_back(ContainsPattern(w));
    }
    absl::StrAppend(&sql, copies_, " ORDER BY r.id LIMIT ?");
    return Read(sql, params, Rest());
  }

  // Which words are common enough, in the first window, to be matched with LIKE rather than by the index.
  absl::StatusOr<std::vector<bool>> CommonWords() {
    std::vector<bool> common(s_.words.size(), false);
    if (s_.words.size() < 2) return common;
    std::string sql = "SELECT ";
    std::vector<SqlValue> params;
    for (size_t i = 0; i < s_.words.size(); ++i) {
      absl::StrAppend(&sql, i ? ", " : "", "COALESCE(SUM(search_text LIKE ?), 0)");
      params.push_back(ContainsPattern(s_.words[i]));
    }
    absl::StrAppend(&sql, " FROM record WHERE id > ? AND id <= ?");
    params.push_back(s_.after_id);
    params.push_back(s_.after_id + kProbeIds);
    auto rows = tx_.Query(sql, params);
    if (!rows.ok()) return rows.status();
    int n_common = 0;
    for (size_t i = 0; i < s_.words.size(); ++i) {
      common[i] = rows->at(0).Int(static_cast<int>(i)) >= kCommonInProbe;
      n_common += common[i];
    }
    if (n_common == static_cast<int>(s_.words.size())) std::fill(common.begin(), common.end(), false);
    return common;
  }

  // The index alone picks the page (Mroonga answers ORDER BY record_id LIMIT from the index without reading
  // every match), then the page's records are read by id. An index row can be there without its record: the
  // index table is not transactional, so a rolled-back import leaves its row, and an import in progress shows
  // its rows before its records. Such a row takes a place of the page without giving a record; the page is then
  // filled from after it.
  absl::Status FromIndexAlone(const std::string& query, int64_t from) {
    for (int round = 0; round < 100 && !Full(); ++round) {
      auto rows = tx_.Query(absl::StrCat("SELECT ", kRecordColumns, ", s.record_id",
                                         " FROM (SELECT record_id FROM record_search WHERE MATCH (search_text)"
                                         " AGAINST (? IN BOOLEAN MODE) AND record_id > ? ORDER BY record_id LIMIT ?) s"
                                         " LEFT JOIN record r ON r.id = s.record_id ORDER BY s.record_id"),
                            {query, from, Rest()});
      if (!rows.ok()) return rows.status();
      const int64_t asked = Rest();
      bool orphans = false;
      for (const Row& r : *rows) {
        if (r.IsNull(0)) {
          orphans = true;
        } else {
          out_.push_back(ToRecord(r));
        }
        from = r.Int(r.size() - 1);
      }
      if (!orphans || static_cast<int64_t>(rows->size()) < asked) break;  // the index has no more
    }
    return absl::OkStatus();
  }

  // Records after `from` through the index: the uncommon words by MATCH, the common ones by LIKE.
  absl::Status FromIndex(int64_t from, const std::vector<bool>& common) {
    std::vector<std::string> matched;
    std::string likes;
    std::vector<SqlValue> like_params;
    for (size_t i = 0; i < s_.words.size(); ++i) {
      if (common[i]) {
        absl::StrAppend(&likes, " AND r.search_text LIKE ?");
        like_params.push_back(ContainsPattern(s_.words[i]));
      } else {
        matched.push_back(s_.words[i]);
      }
    }
    if (likes.empty() && copies_.empty()) return FromIndexAlone(AllWordsQuery(matched), from);
    std::vector<SqlValue> params = {AllWordsQuery(matched), from};
    params.insert(params.end(), like_params.begin(), like_params.end());
    return Read(absl::StrCat("SELECT ", kRecordColumns,
                             " FROM record_search s JOIN record r ON r.id = s.record_id WHERE MATCH (s.search_text)"
                             " AGAINST (? IN BOOLEAN MODE) AND s.record_id > ?",
                             likes, copies_, " ORDER BY s.record_id LIMIT ?"),
                params, Rest());
  }

  Tx& tx_;
  const RecordSearch& s_;
  std::string copies_;
  std::vector<SqlValue> copy_params_;
  std::vector<RecordRow> out_;
};

}  // namespace

absl::StatusOr<std::vector<RecordRow>> SearchRecords(Tx& tx, const RecordSearch& search) {
  return Search(tx, search).Run();
}

}  // namespace shiori::store
