// The request_id a client gives a mutating call so that a retry does it once (AIP-155): checked the same way
// by every use case that keeps one.
#ifndef SHIORI_SERVER_APP_REQUEST_IDS_H_
#define SHIORI_SERVER_APP_REQUEST_IDS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace shiori::app {

// OK for "" (no request id) or up to 64 visible ASCII characters (a UUID fits). Spaces and other characters
// are refused (INVALID_ARGUMENT naming request_id): the database compares text ignoring trailing spaces, so
// "r1" and "r1 " would be the same request.
absl::Status CheckRequestId(absl::string_view request_id);

// A retry must repeat the call it retries. A request id already used for a different call (another patron,
// copy, library, title, kind …: `what_differs` names it) is refused, INVALID_ARGUMENT (REQUEST_ID_REUSED) naming
// request_id — never answered with the first call's result.
absl::Status RequestIdReused(absl::string_view what_differs);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_REQUEST_IDS_H_
