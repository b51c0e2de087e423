// Reservation use cases (R1–R8, R13, R14): place, list and cancel, each in one transaction.
// Locks are always taken in the order patron row → title row → reservation/copy rows, so concurrent calls
// never deadlock on each other; the few deadlocks MariaDB still reports are retried by Database.
#ifndef SHIORI_SERVER_APP_RESERVATIONS_H_
#define SHIORI_SERVER_APP_RESERVATIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"
#include "server/store/reservation_store.h"

namespace shiori::app {

struct PlaceReservationInput {
  int64_t record_id = 0;
  std::string pickup_library;  // library id
  v1::NotifyMethod notify_method = v1::EMAIL;  // NOTIFY_METHOD_UNSPECIFIED: the patron's own choice (R2, P7)
  std::string request_id;
  bool validate_only = false;
};

// Places a reservation for the calling patron. With a request_id already used by this patron, returns that
// reservation unchanged (a safe retry). With validate_only, decides and returns what would be placed without
// writing anything. Refusals: see policy::DecidePlacement; NOT_FOUND for an unknown record; INVALID_ARGUMENT
// UNKNOWN_LIBRARY / NOT_A_PICKUP_LIBRARY for pickup_library.
absl::StatusOr<store::ReservationRow> PlaceReservation(const ServiceContext& ctx, const Caller& caller,
                                                       const PlaceReservationInput& input);

// What PlaceReservation would decide on the title for the calling patron, pickup library and notice aside:
// OK, or the refusal (R6, R4, R7 ALREADY_RESERVED / ALREADY_ON_LOAN, R3 HOLD_LIMIT_REACHED) — policy::
// DecidePlacement over the same read. In the caller's transaction; for a record that exists.
absl::Status PlacementOutlook(const ServiceContext& ctx, store::Tx& tx, const Caller& caller, int64_t record_id);

// 窓口予約 (R3, R8: every channel counts): staff at the desk place a reservation for the patron of
// `patron_number`, who becomes the caller of PlaceReservation — the patron's rules, limits and notice choice,
// channel COUNTER. NOT_FOUND for an unknown number; INVALID_ARGUMENT (P3) for one that is not a number.
absl::StatusOr<Caller> AtTheCounter(const ServiceContext& ctx, const Caller& staff, const std::string& patron_number);

// The patron's active reservations (waiting, in transit, secured) with positions (R8, R13).
absl::StatusOr<std::vector<store::ReservationRow>> ListReservations(const ServiceContext& ctx, const Caller& caller);

// Cancels one of the patron's reservations (R14). NOT_FOUND for someone else's. Cancelling one already
// cancelled returns it unchanged (a retry); one collected or expired is FAILED_PRECONDITION RESERVATION_ENDED.
absl::StatusOr<store::ReservationRow> CancelReservation(const ServiceContext& ctx, const Caller& caller,
                                                        int64_t reservation_id);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_RESERVATIONS_H_
