// Loan use cases (B1–B4, B6, C4, R5): checkout at a desk, the patron's loans, renewal and the reading
// history. One transaction each; locks patron → record → copy → loan/reservation.
#ifndef SHIORI_SERVER_APP_LOANS_H_
#define SHIORI_SERVER_APP_LOANS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"
#include "server/store/loan_store.h"

namespace shiori::app {

struct CheckoutInput {
  std::string patron_number;  // as typed (P3 normalisation)
  std::string barcode;
  std::string library;        // the desk's library; empty: the staff member's only library
  std::string request_id;
  bool validate_only = false;
};

struct CheckoutResult {
  store::LoanRow loan;             // id 0 for validate_only
  int64_t fulfilled_reservation = 0;
  bool already_on_loan = false;    // a repeated request or a second scan: nothing changed
};

// Lends the copy (B4). Refusals (FAILED_PRECONDITION): see policy::DecideCheckout. NOT_FOUND for an unknown
// patron or barcode. Due date: the type's loan period from today, moved off the lending library's closed
// days (B3). A copy secured for this patron, or any active reservation of the title by this patron, is
// FULFILLED (R3 counter −1); a copy the patron's reservation held elsewhere is passed on.
absl::StatusOr<CheckoutResult> Checkout(const ServiceContext& ctx, const Caller& caller, const CheckoutInput& in);

// B2: what renewing `loan` today would do for a patron of `category`: the due date it would give (the renewal
// period from today, moved off the lending library's closed days, B3), or the refusal RenewLoan would give
// (a reason of policy::DecideRenewal or policy::DecideRenewedDueDate). A failed read is the error.
struct RenewalOutlook {
  absl::Status refusal;
  absl::CivilDay due_date;  // when refusal is OK
};
absl::StatusOr<RenewalOutlook> RenewalOutlookOf(const ServiceContext& ctx, store::Tx& tx, const store::LoanRow& loan,
                                                v1::PatronCategory category, absl::CivilDay today);

// An open loan in its patron's list (B1), with what a renewal today would answer, so that the list can say
// why before the patron tries (B2).
struct OpenLoan {
  store::LoanRow loan;
  absl::Status renewal;
};

// The calling patron's open loans with 予約あり / 延滞 / renewals left (B1) and the renewal's outlook (B2).
absl::StatusOr<std::vector<OpenLoan>> ListLoans(const ServiceContext& ctx, const Caller& caller);

// B2: renews one of the calling patron's loans: due = renewal period from today, moved off closed days of the
// lending library (B3). NOT_FOUND for another's loan; FAILED_PRECONDITION LOAN_RETURNED, or a reason of
// RenewalOutlookOf (DecideRenewal, or RENEWAL_NOT_EXTENDING). The same request_id again returns the renewed loan.
absl::StatusOr<store::LoanRow> RenewLoan(const ServiceContext& ctx, const Caller& caller, int64_t loan_id,
                                         const std::string& request_id, bool validate_only);

// The reading history (B6), newest return first, a page at a time: page_size 1–100 (0: 50); the token is the
// one the page before gave (INVALID_PAGE_TOKEN for any other).
struct ReadingHistoryPage {
  std::vector<store::LoanRow> loans;
  std::string next_page_token;  // "" on the last page
};
absl::StatusOr<ReadingHistoryPage> ListReadingHistory(const ServiceContext& ctx, const Caller& caller, int page_size,
                                                      const std::string& page_token);
absl::StatusOr<bool> SetReadingHistory(const ServiceContext& ctx, const Caller& caller, bool enabled);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_LOANS_H_
