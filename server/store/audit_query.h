// Reading the audit log (P10) for admins; writing it is audit_log.h.
#ifndef SHIORI_SERVER_STORE_AUDIT_QUERY_H_
#define SHIORI_SERVER_STORE_AUDIT_QUERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/audit_log.h"
#include "server/store/database.h"

namespace shiori::store {

struct AuditFilter {
  std::string actor;   // exact, "" for any
  std::string action;  // exact, "" for any
  std::string target;  // exact, "" for any
  int64_t before_id = 0;  // page: rows with a smaller id; 0 from the newest
  int limit = 50;
};

struct AuditRow {
  int64_t id = 0;
  AuditRecord record;
};

// Newest first.
absl::StatusOr<std::vector<AuditRow>> ListAuditRecords(Tx& tx, const AuditFilter& filter);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_AUDIT_QUERY_H_
