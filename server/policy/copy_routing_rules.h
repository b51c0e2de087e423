// Where a free copy goes (R9, R12, R14): to the first waiting reservation of its title whose rules allow it —
// secured here when its pickup library is this one, else sent there — or, with none, home or the shelf.
// Also when a secured reservation has expired (R12). Pure.
#ifndef SHIORI_SERVER_POLICY_COPY_ROUTING_RULES_H_
#define SHIORI_SERVER_POLICY_COPY_ROUTING_RULES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace shiori::policy {

struct QueuedReservation {
  int64_t id = 0;
  std::string pickup_library;
};

struct FreeCopy {
  std::string here;          // the library where the copy is now
  std::string home_library;
  bool lendable = true;      // false: not for loan, or a magazine's latest issue (R5) — it serves no one yet
  std::vector<QueuedReservation> queue;  // waiting reservations of the title, first come first served (R8)
};

struct Route {
  enum class Kind { kSecureHere, kSendForReservation, kSendHome, kShelve };
  Kind kind = Kind::kShelve;
  int64_t reservation_id = 0;  // kSecureHere, kSendForReservation
  std::string library;         // where the copy ends up or goes
};

Route RouteFreeCopy(const FreeCopy& copy);

// R12: a secured reservation expires only after the end of its deadline day (never on the day itself).
inline bool HoldExpired(absl::CivilDay deadline, absl::CivilDay today) { return today > deadline; }

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_COPY_ROUTING_RULES_H_
