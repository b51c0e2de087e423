// See catalog_queries.h.
#include "server/app/catalog_queries.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/app/page_tokens.h"
#include "server/app/reservations.h"
#include "server/common/error.h"
#include "server/policy/reservation_rules.h"
#include "server/store/record_search.h"
#include "server/store/word_grams.h"
#include "server/text/search_text.h"

namespace shiori::app {
namespace {

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;
constexpr int kMaxQueryWords = 10;

// Record ids are AUTO_INCREMENT BIGINTs far below this; a position beyond it was not made by this server (and
// the search's id windows must not overflow).
constexpr int64_t kMaxRecordId = int64_t{1} << 53;

// What a page token of a search is bound to: its words as searched, its types and its library.
std::string SearchOf(const store::RecordSearch& q) {
  return absl::StrCat("catalog:", absl::StrJoin(q.words, " "), "\x1f", absl::StrJoin(q.material_types, ","), "\x1f",
                      q.library);
}

absl::StatusOr<int64_t> AfterId(const std::string& token, const store::RecordSearch& q) {
  if (token.empty()) return 0;
  auto position = PagePosition(token, SearchOf(q));
  if (!position.ok()) return position.status();
  int64_t id = 0;
  if (!absl::SimpleAtoi(*position, &id) || id < 0 || id > kMaxRecordId) {
    return InvalidField("page_token", "not a token from a previous response", "INVALID_PAGE_TOKEN");
  }
  return id;
}

}  // namespace

absl::StatusOr<std::vector<store::LibraryRow>> ListLibraries(const ServiceContext& ctx) {
  std::vector<store::LibraryRow> out;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) {
    auto libs = store::ListLibraries(tx);
    if (!libs.ok()) return libs.status();
    out = std::move(*libs);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<CatalogPage> SearchCatalog(const ServiceContext& ctx, const CatalogSearch& search) {
  store::RecordSearch q;
  for (const std::string& w : text::SplitQueryWords(search.query)) {
    // The normal form keeps '|' (also from a full-width ｜), which separates the fields of the stored text:
    // it separates words here too, so that no word reaches across two fields.
    for (const std::string& piece : text::QueryWordPieces(w)) {
      for (absl::string_view part : absl::StrSplit(piece, store::kFieldSeparator, absl::SkipEmpty())) {
        q.words.emplace_back(part);
      }
    }
  }
  if (q.words.empty()) return InvalidField("query", "give at least one word to search for", "EMPTY_QUERY").Rule("C1");
  if (static_cast<int>(q.words.size()) > kMaxQueryWords) {
    return InvalidField("query", absl::StrCat("at most ", kMaxQueryWords, " words"), "TOO_MANY_WORDS");
  }
  if (search.page_size < 0) return InvalidField("page_size", "must not be negative");
  int size = search.page_size == 0 ? kDefaultPageSize : std::min(search.page_size, kMaxPageSize);
  q.limit = size + 1;
  for (int t : search.material_types) {
    if (!v1::MaterialType_IsValid(t) || t == v1::MATERIAL_TYPE_UNSPECIFIED) {
      return InvalidField("material_types", absl::StrCat(t, " is no material type"));
    }
  }
  q.material_types = search.material_types;
  q.library = search.library;
  auto after = AfterId(search.page_token, q);
  if (!after.ok()) return after.status();
  q.after_id = *after;
  CatalogPage page;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    if (!q.library.empty()) {
      auto libs = store::ListLibraries(tx);
      if (!libs.ok()) return libs.status();
      if (std::none_of(libs->begin(), libs->end(), [&](const auto& l) { return l.id == q.library; })) {
        return InvalidField("library", absl::StrCat("no library '", q.library, "'"), "UNKNOWN_LIBRARY");
      }
    }
    auto found = store::SearchRecords(tx, q);
    if (!found.ok()) return found.status();
    if (static_cast<int>(found->size()) > size) {
      found->resize(size);
      page.next_page_token = MakePageToken(absl::StrCat(found->back().record.id), SearchOf(q));
    }
    for (auto& f : *found) page.hits.push_back(RecordHit{std::move(f.record), f.stats});
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return page;
}

absl::StatusOr<RecordDetail> GetRecordDetail(const ServiceContext& ctx, const Caller& caller, int64_t record_id) {
  RecordDetail d;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto record = store::FindRecord(tx, record_id);
    if (!record.ok()) return record.status();
    if (!record->has_value()) return NotFoundError("record", absl::StrCat("records/", record_id));
    d.record = std::move(**record);
    auto copies = store::CopiesOfRecord(tx, record_id);
    if (!copies.ok()) return copies.status();
    d.copies = std::move(*copies);
    auto stats = store::StatsOfRecords(tx, {record_id});
    if (!stats.ok()) return stats.status();
    d.waiting = (*stats)[record_id].waiting;
    std::vector<v1::MaterialType> types;
    for (const auto& c : d.copies) types.push_back(static_cast<v1::MaterialType>(c.material_type));
    d.reservable = policy::TitleReservable(ctx.policy, types);
    if (!d.reservable) {
      d.not_reservable_reason = "NOT_RESERVABLE_MATERIAL";
      return absl::OkStatus();
    }
    if (!caller.is_patron()) return absl::OkStatus();
    // A logged-in patron is told what placing it would answer them (R6, R7, R3), not only what the title is.
    absl::Status outlook = PlacementOutlook(ctx, tx, caller, record_id);
    if (outlook.ok()) return absl::OkStatus();
    if (outlook.code() != absl::StatusCode::kFailedPrecondition) return outlook;
    d.reservable = false;
    d.not_reservable_reason = ReasonOf(outlook);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return d;
}

}  // namespace shiori::app
