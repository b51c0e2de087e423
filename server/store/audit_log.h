// The audit log (P10): who did what to which resource, when and from where. Rows are only ever appended.
#ifndef SHIORI_SERVER_STORE_AUDIT_LOG_H_
#define SHIORI_SERVER_STORE_AUDIT_LOG_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace shiori::store {

struct AuditRecord {
  absl::Time at;
  std::string actor;   // "staff:a0001", "shiori-admin"
  std::string action;  // "calendar.closure.create", "clock.set" …
  std::string target;  // a resource name: "libraries/main/closures/3"
  std::string detail;  // free text (never a password or token)
  std::string peer;    // the caller's network address, if any
};

// Appends one row in the caller's transaction, so the record commits or rolls back with the change.
absl::Status AppendAuditRecord(Tx& tx, const AuditRecord& record);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_AUDIT_LOG_H_
