// Domain rows → API messages, and resource names ("records/123", "libraries/main") → ids.
#ifndef SHIORI_SERVER_API_PROTO_MAPPING_H_
#define SHIORI_SERVER_API_PROTO_MAPPING_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "google/type/date.pb.h"
#include "server/app/catalog_queries.h"
#include "server/store/patron_store.h"
#include "server/store/reservation_store.h"
#include "shiori/v1/library.pb.h"
#include "shiori/v1/patron.pb.h"
#include "shiori/v1/reservation.pb.h"

namespace shiori::api {

// "records/123" or "123" → 123; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<int64_t> ParseId(absl::string_view name, absl::string_view collection, absl::string_view field);
// "libraries/main" or "main" → "main".
// A list that is one page by nature (a patron's reservations, R3; their loans, C4): a negative page_size or
// any page_token is refused (INVALID_PAGE_TOKEN), never silently read as the first page.
absl::Status CheckSinglePage(int32_t page_size, const std::string& page_token);

std::string LibraryId(absl::string_view name);
std::string LibraryName(absl::string_view id);

void ToDate(absl::CivilDay day, google::type::Date* out);
std::string ToRfc3339(absl::Time t);

void ToLibrary(const store::LibraryRow& row, v1::Library* out);
void ToRecordSummary(const app::RecordHit& hit, v1::RecordSummary* out);
void ToRecord(const app::RecordDetail& detail, const v1::Policy& policy, v1::Record* out);
void ToReservation(const store::ReservationRow& row, v1::Reservation* out);
void ToPatron(const store::PatronRow& row, v1::Patron* out);

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_PROTO_MAPPING_H_
