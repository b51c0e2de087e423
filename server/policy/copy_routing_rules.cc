// See copy_routing_rules.h.
#include "server/policy/copy_routing_rules.h"

namespace shiori::policy {

Route RouteFreeCopy(const FreeCopy& copy) {
  Route r;
  if (copy.lendable && !copy.queue.empty()) {
    const QueuedReservation& first = copy.queue.front();
    r.reservation_id = first.id;
    r.library = first.pickup_library;
    r.kind = first.pickup_library == copy.here ? Route::Kind::kSecureHere : Route::Kind::kSendForReservation;
    return r;
  }
  r.library = copy.home_library;
  r.kind = copy.home_library == copy.here ? Route::Kind::kShelve : Route::Kind::kSendHome;
  return r;
}

}  // namespace shiori::policy
