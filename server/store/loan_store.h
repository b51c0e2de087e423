// Loans (貸出) in MariaDB (B1–B6): open loans per copy and patron, renewals, returns and the reading history.
#ifndef SHIORI_SERVER_STORE_LOAN_STORE_H_
#define SHIORI_SERVER_STORE_LOAN_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace shiori::store {

struct LoanRow {
  int64_t id = 0;
  int64_t copy_id = 0;
  std::optional<int64_t> patron_id;  // NULL once returned unless kept (B6)
  int64_t record_id = 0;
  std::string library;
  absl::Time loaned_at;
  absl::CivilDay due_date;
  int renewals = 0;
  std::optional<absl::Time> returned_at;
  bool keep_history = false;
  std::string request_id;
  std::string renew_request_id;
  std::optional<int64_t> fulfilled_reservation_id;  // the reservation the loan fulfilled (B4)
  // Joined for display:
  std::string title;
  std::string barcode;
  std::string patron_number;
  int material_type = 0;
  int waiting_reservations = 0;  // of the title (B1 予約あり)
};

absl::StatusOr<std::optional<LoanRow>> FindLoan(Tx& tx, int64_t id, bool lock = false);
// The patron's open loans, oldest first, with title, barcode and waiting count.
absl::StatusOr<std::vector<LoanRow>> ListOpenLoans(Tx& tx, int64_t patron_id);
// Returned loans still linked to the patron (B6), newest first.
// Where a page of the reading history ends: its last loan's return time and id (the list is newest first).
struct ReturnedLoanCursor {
  absl::Time returned_at;
  int64_t id = 0;
};
// The patron's returned loans kept for the history (B6), newest return first, after `after` when given.
absl::StatusOr<std::vector<LoanRow>> ListReturnedLoans(Tx& tx, int64_t patron_id, int limit,
                                                       const std::optional<ReturnedLoanCursor>& after = std::nullopt);
// Inserts; ALREADY_EXISTS when the copy has an open loan or the request id was used.
absl::StatusOr<int64_t> InsertLoan(Tx& tx, const LoanRow& loan);
// Ends the loan; the patron link stays only when keep_patron (B6). forced_reason is set for B5; request_id is
// the ending call's (loan.return_request_id), "" for none.
absl::Status EndLoan(Tx& tx, int64_t id, absl::Time now, const std::string& library, bool keep_patron,
                     const std::string& forced_reason, const std::string& request_id = "");
// B6: deletes the FULFILLED reservation a returned loan fulfilled (the patron keeps no reading history), and
// the mails about it; its request id goes to erased_request (ReadPlacement's request_erased).
absl::Status ForgetFulfilledReservation(Tx& tx, int64_t reservation_id, absl::Time now);
// How a returned loan was ended: its copy, the library it was returned at, whether it was a forced return (B5).
struct LoanReturn {
  int64_t copy_id = 0;
  std::string library;
  bool forced = false;
};
absl::StatusOr<std::optional<LoanReturn>> FindLoanReturn(Tx& tx, int64_t loan_id);
// The patron's loan whose renewal had this request id, if any (to tell a retry from the id's reuse).
absl::StatusOr<std::optional<int64_t>> FindLoanRenewedBy(Tx& tx, int64_t patron_id, const std::string& request_id);
absl::Status SetLoanRenewed(Tx& tx, int64_t id, absl::CivilDay due_date, int renewals, const std::string& request_id);
// B6: switches patron.reading_history; off also unlinks the patron's returned loans and stops keeping the
// open ones.
absl::Status SetReadingHistory(Tx& tx, int64_t patron_id, bool enabled, absl::Time now);
// Reservations waiting for a copy of the title.
absl::StatusOr<int> WaitingReservations(Tx& tx, int64_t record_id);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_LOAN_STORE_H_
