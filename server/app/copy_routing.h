// Where a copy goes when it becomes free (R9, R12, R14): to the first waiting reservation of its title that
// the rules allow — secured here, or sent in transit to the pickup library — else home, or back on the shelf.
// Securing writes the deadline (R11) and exactly one ready notice (R10) in the caller's transaction.
// Callers hold the locks: record row (store::LockRecord or LockRecordOfCopy), then the copy row.
#ifndef SHIORI_SERVER_APP_COPY_ROUTING_H_
#define SHIORI_SERVER_APP_COPY_ROUTING_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/app/service_context.h"
#include "server/policy/copy_routing_rules.h"
#include "server/store/circulation_store.h"
#include "server/store/database.h"
#include "server/store/reservation_store.h"

namespace shiori::app {

// What happened to the copy, for the answer to staff.
struct RoutingOutcome {
  policy::Route::Kind kind = policy::Route::Kind::kShelve;
  std::string library;         // here (shelve, secured) or the destination (sent)
  int64_t reservation_id = 0;  // secured for / sent for
  std::optional<absl::CivilDay> deadline;
  int notify_method = 0;
  std::string patron_number;
  std::string patron_name;
};

// Routes a copy that is free (no open loan; any hold it had is already released) and physically at `here`.
// `copy` is updated to its new place. `waiting`: the title's waiting reservations when the caller read them
// under the title's lock (LockRecordOfCopy; only a placement, which writes the title row first, makes one
// wait) — 0 spares the read of the queue's head; nullopt when not known.
absl::StatusOr<RoutingOutcome> RouteFreeCopyAt(const ServiceContext& ctx, store::Tx& tx, store::CirculatingCopy& copy,
                                               const std::string& here, absl::Time now,
                                               std::optional<int> waiting = std::nullopt);

// Secures the reservation (waiting or in transit; read with a lock by the caller) with the copy at `library`:
// SECURED with the deadline of R11, the copy on the hold shelf, and one ready notice (mail in the outbox, or
// the call list for telephone).
absl::StatusOr<RoutingOutcome> SecureAt(const ServiceContext& ctx, store::Tx& tx, const store::ReservationRow& r,
                                        store::CirculatingCopy& copy, const std::string& library, absl::Time now);

// Releases the copy from the reservation it was held for (already ended by the caller) and routes it on,
// inside the caller's transaction (R12, R14). A secured copy is routed from its hold shelf; a copy in transit
// keeps travelling and serves the queue's head if that one picks up at its destination, else it is routed
// when it arrives. The next patron is told only when the copy is on their shelf.
absl::Status PassCopyOn(const ServiceContext& ctx, store::Tx& tx, int64_t copy_id, absl::Time now);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_COPY_ROUTING_H_
