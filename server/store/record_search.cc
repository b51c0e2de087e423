// See record_search.h.
//
// The word index (record_gram, server/store/word_grams.h) is keyed by (gram, record_id), so the records having
// one gram are read in record order. A search joins the grams of its words on record_id and confirms each word
// in the record's text with LIKE (the grams of a word can all be in a text without the word):
//
//   SELECT … FROM record_gram g0 JOIN record_gram g1 ON g1.gram = ? AND g1.record_id = g0.record_id …
//     JOIN record r ON r.id = g0.record_id
//   WHERE g0.gram = ? AND g0.record_id > ? AND r.search_text LIKE ? … ORDER BY g0.record_id LIMIT ?
//
// MariaDB estimates each gram's rows from the index, reads the rarest gram's records in order, looks the others
// up by key and stops when the page is full; so a common word costs about a page of look-ups and a rare one its
// few records. What costs most is words that are each common but rarely together: the rarest gram's records
// are all read.
#include "server/store/record_search.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/store/record_rows.h"
#include "server/store/word_grams.h"

namespace shiori::store {
namespace {

// Grams joined at most: enough to pick a rare one and filter well; LIKE confirms the rest.
constexpr size_t kMaxGrams = 8;

// The grams to join: every word's first and last gram before its inner ones, taking the words in turn, so that
// each word is represented when there are more than kMaxGrams.
std::vector<int64_t> GramsToJoin(const std::vector<std::string>& words) {
  std::vector<std::vector<int64_t>> per_word;
  for (const std::string& w : words) {
    std::vector<int64_t> g = WordGrams(w);
    std::vector<int64_t> ends_first;
    for (size_t lo = 0, hi = g.size(); lo < hi; ++lo) {
      ends_first.push_back(g[lo]);
      if (lo + 1 < hi) ends_first.push_back(g[--hi]);
    }
    per_word.push_back(std::move(ends_first));
  }
  std::vector<int64_t> out;
  for (size_t i = 0; out.size() < kMaxGrams; ++i) {
    bool any = false;
    for (const auto& g : per_word) {
      if (i >= g.size() || out.size() >= kMaxGrams) continue;
      any = true;
      if (std::find(out.begin(), out.end(), g[i]) == out.end()) out.push_back(g[i]);
    }
    if (!any) break;
  }
  return out;
}

class Search {
 public:
  Search(Tx& tx, const RecordSearch& s) : tx_(tx), s_(s) {
    for (const std::string& w : s.words) {
      absl::StrAppend(&likes_, " AND r.search_text LIKE ?");
      like_params_.push_back(LikeContaining(w));
    }
    if (!s.material_types.empty() || !s.library.empty()) {
      absl::StrAppend(&likes_, " AND EXISTS (SELECT 1 FROM copy c WHERE c.record_id = r.id");
      if (!s.material_types.empty()) {
        absl::StrAppend(&likes_, " AND c.material_type IN (", absl::StrJoin(s.material_types, ","), ")");
      }
      if (!s.library.empty()) {
        absl::StrAppend(&likes_, " AND c.home_library = ?");
        like_params_.push_back(s.library);
      }
      absl::StrAppend(&likes_, ")");
    }
  }

  absl::StatusOr<std::vector<FoundRecord>> Run() {
    absl::Status s;
    if (s_.words.empty()) {
      s = Read(absl::StrCat(kWithoutSubqueryCache, "SELECT ", kRecordColumns, ", ", RecordStatsColumns(),
                            " FROM record r WHERE r.id > ?",
                            likes_, " ORDER BY r.id LIMIT ?"),
               {s_.after_id});
    } else {
      s = ThroughGrams(GramsToJoin(s_.words));  // every word has a gram: the words have no '|'
    }
    if (!s.ok()) return s;
    return std::move(out_);
  }

 private:
  int64_t Rest() const { return s_.limit - static_cast<int64_t>(out_.size()); }

  // Runs a query ending in `likes_ … LIMIT ?` with `params` before the LIKE parameters.
  absl::Status Read(const std::string& sql, std::vector<SqlValue> params) {
    params.insert(params.end(), like_params_.begin(), like_params_.end());
    params.push_back(Rest());
    auto rows = tx_.Query(sql, params);
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) out_.push_back({ToRecord(r), ToRecordStats(r, kRecordColumnCount)});
    return absl::OkStatus();
  }

  absl::Status ThroughGrams(const std::vector<int64_t>& grams) {
    if (grams.empty()) return absl::OkStatus();
    std::string sql = absl::StrCat(kWithoutSubqueryCache, "SELECT ", kRecordColumns, ", ", RecordStatsColumns(),
                                   " FROM record_gram g0");
    std::vector<SqlValue> params;
    for (size_t i = 1; i < grams.size(); ++i) {
      absl::StrAppend(&sql, " JOIN record_gram g", i, " ON g", i, ".gram = ? AND g", i, ".record_id = g0.record_id");
      params.push_back(grams[i]);
    }
    absl::StrAppend(&sql, " JOIN record r ON r.id = g0.record_id WHERE g0.gram = ? AND g0.record_id > ?", likes_,
                    " ORDER BY g0.record_id LIMIT ?");
    params.push_back(grams[0]);
    params.push_back(s_.after_id);
    return Read(sql, std::move(params));
  }

  Tx& tx_;
  const RecordSearch& s_;
  std::string likes_;  // every word with LIKE, and the copy conditions
  std::vector<SqlValue> like_params_;
  std::vector<FoundRecord> out_;
};

}  // namespace

absl::StatusOr<std::vector<FoundRecord>> SearchRecords(Tx& tx, const RecordSearch& search) {
  return Search(tx, search).Run();
}

}  // namespace shiori::store
