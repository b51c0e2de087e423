// Reading the catalogue (C1, C2): libraries, search and a title's detail with its copies.
#ifndef SHIORI_SERVER_APP_CATALOG_QUERIES_H_
#define SHIORI_SERVER_APP_CATALOG_QUERIES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"
#include "server/store/catalog_store.h"

namespace shiori::app {

struct CatalogSearch {
  std::string query;
  std::vector<int> material_types;
  std::string library;  // id
  int page_size = 0;
  std::string page_token;
};

struct RecordHit {
  store::RecordRow record;
  store::RecordStats stats;
};

struct CatalogPage {
  std::vector<RecordHit> hits;
  std::string next_page_token;
};

struct RecordDetail {
  store::RecordRow record;
  std::vector<store::CopyRow> copies;
  int waiting = 0;
  bool reservable = false;
  // Why not, when not: NOT_RESERVABLE_MATERIAL (R4); to a logged-in patron also what placing it would answer
  // them — WIDE_AREA_PATRON_CANNOT_RESERVE (R6), ALREADY_RESERVED / ALREADY_ON_LOAN (R7), HOLD_LIMIT_REACHED (R3).
  std::string not_reservable_reason;
};

absl::StatusOr<std::vector<store::LibraryRow>> ListLibraries(const ServiceContext& ctx);
// INVALID_ARGUMENT for an empty query, an unknown library or a bad page token.
absl::StatusOr<CatalogPage> SearchCatalog(const ServiceContext& ctx, const CatalogSearch& search);
// NOT_FOUND for an unknown record. Whether it is reservable is said for `caller`: to a logged-in patron, as
// PlaceReservation would decide it for them (app::PlacementOutlook).
absl::StatusOr<RecordDetail> GetRecordDetail(const ServiceContext& ctx, const Caller& caller, int64_t record_id);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_CATALOG_QUERIES_H_
