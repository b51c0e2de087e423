// The staff desk (P10): a member of staff acts at one of their own libraries; admins at any. Also the audit
// entry every desk action writes.
#ifndef SHIORI_SERVER_APP_DESK_ACCESS_H_
#define SHIORI_SERVER_APP_DESK_ACCESS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/app/caller.h"
#include "server/store/database.h"

namespace shiori::app {

// The library id the desk acts at: `library` as given ("main"), or the caller's only library when empty.
// PERMISSION_DENIED STAFF_ONLY for a non-staff caller, NOT_YOUR_LIBRARY for another library, INVALID_ARGUMENT
// (field library) when it is empty and the caller works at several.
absl::StatusOr<std::string> DeskLibrary(const Caller& caller, const std::string& library);

// Writes one audit_log row for a desk action (P10): who (staff:s0001), what, on what, from where.
absl::Status AuditDesk(store::Tx& tx, const Caller& caller, const std::string& action, const std::string& target,
                       const std::string& detail, absl::Time now);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_DESK_ACCESS_H_
