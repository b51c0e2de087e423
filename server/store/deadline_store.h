// The stored dates that a library's calendar decides (R11, B3): due dates of open loans lent at a library and
// pickup deadlines of reservations secured there. Used when a calendar change closes days that carry them.
#ifndef SHIORI_SERVER_STORE_DEADLINE_STORE_H_
#define SHIORI_SERVER_STORE_DEADLINE_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "server/store/database.h"

namespace shiori::store {

struct StoredDeadline {
  int64_t id = 0;  // loan id or reservation id
  absl::CivilDay day;
};

// Open loans lent at `library_id` due from `first` to `last` inclusive, locked FOR UPDATE.
absl::StatusOr<std::vector<StoredDeadline>> LockOpenLoansDue(Tx& tx, const std::string& library_id,
                                                             absl::CivilDay first, absl::CivilDay last);
absl::Status SetLoanDueDate(Tx& tx, int64_t loan_id, absl::CivilDay due);

// Reservations SECURED at `library_id` whose pickup deadline is from `first` to `last`, locked FOR UPDATE.
absl::StatusOr<std::vector<StoredDeadline>> LockSecuredPickupDeadlines(Tx& tx, const std::string& library_id,
                                                                       absl::CivilDay first, absl::CivilDay last);
absl::Status SetPickupDeadline(Tx& tx, int64_t reservation_id, absl::CivilDay deadline);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_DEADLINE_STORE_H_
