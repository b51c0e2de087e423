// The desk's lists at one library (R9, R10, R11): the hold shelf, the telephone call list with its "called"
// mark, the pull list and the transits. Reads, except MarkCalled.
#ifndef SHIORI_SERVER_APP_DESK_LISTS_H_
#define SHIORI_SERVER_APP_DESK_LISTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"
#include "server/store/circulation_store.h"

namespace shiori::app {

// Secured reservations at the library by deadline; telephone_only gives the call list (R10).
absl::StatusOr<std::vector<store::HoldShelfRow>> ListHoldShelf(const ServiceContext& ctx, const Caller& caller,
                                                              const std::string& library, bool telephone_only);
// Copies freed while on the library's hold shelf (expired, cancelled, or lent from another copy) that are
// still there, oldest first: to be put back on the open shelves (R12, R14).
absl::StatusOr<std::vector<store::LeftOnHoldShelfRow>> ListLeftOnHoldShelf(const ServiceContext& ctx,
                                                                          const Caller& caller,
                                                                          const std::string& library);
// Marks a secured reservation as called (R10); marking twice keeps the first mark. NOT_FOUND unless it is
// secured at one of the caller's libraries.
absl::StatusOr<store::HoldShelfRow> MarkCalled(const ServiceContext& ctx, const Caller& caller,
                                               int64_t reservation_id);
absl::StatusOr<std::vector<store::PullRow>> ListPullList(const ServiceContext& ctx, const Caller& caller,
                                                         const std::string& library);
struct Transits {
  std::vector<store::TransitRow> outgoing;
  std::vector<store::TransitRow> expected;
};
absl::StatusOr<Transits> ListTransits(const ServiceContext& ctx, const Caller& caller, const std::string& library);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_DESK_LISTS_H_
