// Copies coming back to a desk (R9, R12, B3, B5, B6): a return (check-in), an arrival in transit, and a
// forced return. Each ends the loan if there is one and tells staff what to do with the copy in their hands.
// One transaction each; locks: patron (of the loan) → record → copy → loan/reservation.
#ifndef SHIORI_SERVER_APP_CHECKIN_H_
#define SHIORI_SERVER_APP_CHECKIN_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/app/caller.h"
#include "server/app/copy_routing.h"
#include "server/app/service_context.h"
#include "server/store/circulation_store.h"
#include "server/store/loan_store.h"

namespace shiori::app {

struct DeskScanResult {
  store::CirculatingCopy copy;
  RoutingOutcome routing;
  std::optional<store::LoanRow> returned;  // the loan this scan ended
  bool returned_late = false;              // after the end of the due date in Tokyo (B3)
};

// A copy handed in at `library` (a return, or a copy fetched from the pull list). Returning a copy that is not
// on loan is not an error: it is routed the same way; a second scan changes nothing and repeats the answer.
// NOT_FOUND for an unknown barcode; PERMISSION_DENIED when the caller does not work at the library.
// request_id (all three scans): the call that ended a loan answers a retry with that loan; the same id for
// another copy is REQUEST_ID_REUSED, and COPY_LENT_AGAIN when the copy has been lent again since.
absl::StatusOr<DeskScanResult> Checkin(const ServiceContext& ctx, const Caller& caller, const std::string& barcode,
                                       const std::string& library, const std::string& request_id = "");

// A copy arriving at `library` in transit: secured there for its reservation, or routed (R9). FAILED_PRECONDITION
// COPY_ON_LOAN when the copy is on loan.
absl::StatusOr<DeskScanResult> ReceiveTransit(const ServiceContext& ctx, const Caller& caller,
                                              const std::string& barcode, const std::string& library,
                                              const std::string& request_id = "");

// B5: ends a loan still shown although the copy is back, with a reason (required), audited; then routes the
// copy. FAILED_PRECONDITION NOT_ON_LOAN when the copy has no open loan.
absl::StatusOr<DeskScanResult> ForceReturn(const ServiceContext& ctx, const Caller& caller,
                                           const std::string& barcode, const std::string& library,
                                           const std::string& reason, const std::string& request_id = "");

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_CHECKIN_H_
