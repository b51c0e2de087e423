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
  // Filled by the list queries (the title also by FindReservation):
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
// The head of the title's queue (R8): its first waiting reservation, locked.
absl::StatusOr<std::optional<ReservationRow>> FirstWaiting(Tx& tx, int64_t record_id);
absl::StatusOr<int> QueuePosition(Tx& tx, const ReservationRow& r);

// Everything a placement is decided on, read in one statement.
struct PlacementRead {
  std::optional<int64_t> request_match;  // the reservation made with this request id, by anyone, if any
  bool request_erased = false;           // the request id of a reservation fulfilled and erased since (B6)
  std::optional<bool> pickup_location;   // the pickup library's flag; nullopt: no such library (R2)
  bool record_exists = false;
  std::string title;
  std::vector<int> copy_types;           // material types of the title's copies (R4)
  bool already_reserved = false;         // an active reservation of the title by the patron (R7)
  bool on_loan = false;                  // a copy of the title on loan to the patron now (R7)
  int counted = 0;                       // the patron's reservations in the counted states (R3)
  // R2, P7: whether a hold-ready mail would have a confirmed address (MailSlot), and whether the patron's own
  // choice, for a reservation placed without a method, is mail (a confirmed address, telephone not chosen).
  bool mail_address = false;
  bool mail_by_default = false;
};
absl::StatusOr<PlacementRead> ReadPlacement(Tx& tx, int64_t patron_id, int64_t record_id,
                                            const std::string& pickup_library, const std::string& request_id,
                                            const std::vector<int>& counted_states);

// Hands out the title's next queue number (R8) by writing the record row, which also serialises placements on
// one title; `ahead` is the number of reservations waiting for the title before the new one.
struct QueueTicket {
  int64_t number = 0;
  int ahead = 0;
};
absl::StatusOr<QueueTicket> NextQueueNumber(Tx& tx, int64_t record_id);
// Inserts; ALREADY_EXISTS (DUPLICATE_KEY) when the patron has an active reservation of the title or the
// request id was used.
absl::StatusOr<int64_t> InsertReservation(Tx& tx, const ReservationRow& r);
absl::Status SetReservationEnded(Tx& tx, int64_t id, int state, absl::Time now);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_RESERVATION_STORE_H_
