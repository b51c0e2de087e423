// Reservations and title queues in MariaDB (R3, R7, R8, R13).
#ifndef SHIORI_SERVER_STORE_RESERVATION_STORE_H_
#define SHIORI_SERVER_STORE_RESERVATION_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace shiori::store {

struct ReservationRow {
  int64_t id = 0;
  int64_t patron_id = 0;
  int64_t record_id = 0;
  std::string pickup_library;
  int notify_method = 0;  // shiori.v1.NotifyMethod
  int channel = 0;        // shiori.v1.Channel
  int state = 0;          // shiori.v1.ReservationState
  int64_t queue_number = 0;
  std::optional<int64_t> copy_id;
  absl::Time created_at;
  std::optional<absl::Time> secured_at;
  std::optional<absl::CivilDay> pickup_deadline;
  bool notice_failed = false;
  std::string request_id;
  // Filled by the list queries:
  std::string title;
  int queue_position = 0;  // WAITING: 1 + waiting reservations ahead (R8)
};

absl::StatusOr<std::optional<ReservationRow>> FindReservation(Tx& tx, int64_t id, bool lock = false);
absl::StatusOr<std::optional<ReservationRow>> FindReservationByRequest(Tx& tx, int64_t patron_id,
                                                                       const std::string& request_id);
// The patron's reservations in the given states, with title and queue position; waiting ones first in queue
// order, then in transit and secured.
absl::StatusOr<std::vector<ReservationRow>> ListPatronReservations(Tx& tx, int64_t patron_id,
                                                                   const std::vector<int>& states);
absl::StatusOr<int> CountPatronReservations(Tx& tx, int64_t patron_id, const std::vector<int>& states);
absl::StatusOr<bool> PatronHasActiveReservation(Tx& tx, int64_t patron_id, int64_t record_id);
absl::StatusOr<int> QueuePosition(Tx& tx, const ReservationRow& r);

// Hands out the title's next queue number (R8) by writing the record row, which also serialises placements on
// one title.
absl::StatusOr<int64_t> NextQueueNumber(Tx& tx, int64_t record_id);
// Inserts; ALREADY_EXISTS (DUPLICATE_KEY) when the patron has an active reservation of the title or the
// request id was used.
absl::StatusOr<int64_t> InsertReservation(Tx& tx, const ReservationRow& r);
absl::Status SetReservationEnded(Tx& tx, int64_t id, int state, absl::Time now);

// Material types of the title's copies (R4).
absl::StatusOr<std::vector<int>> CopyTypesOfRecord(Tx& tx, int64_t record_id);
// Whether the patron has a copy of the title on loan now (R7).
absl::StatusOr<bool> PatronHasRecordOnLoan(Tx& tx, int64_t patron_id, int64_t record_id);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_RESERVATION_STORE_H_
