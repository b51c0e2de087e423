// Receiving a magazine issue at a desk (R5, R1): each issue is its own title; the newest issue is not lent
// until the next one arrives, and then the former latest issue's queue starts to be served.
#ifndef SHIORI_SERVER_APP_MAGAZINE_ISSUES_H_
#define SHIORI_SERVER_APP_MAGAZINE_ISSUES_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"

namespace shiori::app {

struct MagazineIssueInput {
  std::string series_title;
  int issue_number = 0;
  std::string title;  // default "<series> <n>号"
  std::string barcode;
  std::string library;
  std::string request_id;
};

struct MagazineIssueResult {
  int64_t record_id = 0;
  int64_t former_latest_record_id = 0;  // 0 when none changed
  int former_latest_waiting = 0;
};

// Registers the issue (record + copy, idempotent by series, number and barcode). It becomes the latest issue
// when its number is above the current latest, which then becomes lendable (R5): its copies on the shelves
// show on the pull lists for its waiting reservations (R9). INVALID_ARGUMENT for a missing series, number or
// barcode; ALREADY_EXISTS BARCODE_TAKEN when the barcode belongs to another copy.
absl::StatusOr<MagazineIssueResult> ReceiveMagazineIssue(const ServiceContext& ctx, const Caller& caller,
                                                        const MagazineIssueInput& in);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_MAGAZINE_ISSUES_H_
