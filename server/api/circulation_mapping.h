// Circulation rows → API messages: loans (B1), the answer to a desk scan (R9), the desk's lists.
#ifndef SHIORI_SERVER_API_CIRCULATION_MAPPING_H_
#define SHIORI_SERVER_API_CIRCULATION_MAPPING_H_

#include "absl/time/civil_time.h"
#include "server/app/checkin.h"
#include "server/store/circulation_store.h"
#include "server/store/loan_store.h"
#include "shiori/v1/loan.pb.h"
#include "shiori/v1/policy.pb.h"
#include "shiori/v1/reservation.pb.h"

namespace shiori::api {

void ToLoan(const store::LoanRow& row, const v1::Policy& policy, absl::CivilDay today, v1::Loan* out);
void ToCopyRouting(const app::DeskScanResult& result, const v1::Policy& policy, absl::CivilDay today,
                   v1::CopyRouting* out);
void ToHoldShelfEntry(const store::HoldShelfRow& row, v1::HoldShelfEntry* out);
void ToPullListEntry(const store::PullRow& row, v1::PullListEntry* out);
void ToTransitEntry(const store::TransitRow& row, v1::TransitEntry* out);

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_CIRCULATION_MAPPING_H_
