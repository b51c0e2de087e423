// The audit log entries of accounts and of every staff, admin and service call (P10): who (patron:0000001,
// staff:s0001, service:NAME, anonymous), what, on which resource, when (ctx.clock) and from where (the peer).
// Never a password or a token.
#ifndef SHIORI_SERVER_APP_AUDIT_TRAIL_H_
#define SHIORI_SERVER_APP_AUDIT_TRAIL_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"
#include "server/store/audit_query.h"
#include "server/store/database.h"

namespace shiori::app {

// "patron:0000001", "staff:s0001", "service:tax-office", "anonymous".
std::string ActorOf(const Caller& caller);

// Appends one entry in the caller's transaction.
absl::Status Audit(store::Tx& tx, const Caller& caller, const std::string& action, const std::string& target,
                   const std::string& detail, absl::Time now);
absl::Status AuditAs(store::Tx& tx, const std::string& actor, const std::string& peer, const std::string& action,
                     const std::string& target, const std::string& detail, absl::Time now);

// An entry's detail for a call's outcome: "ok", or the code and the reason ("FAILED_PRECONDITION HOLD_LIMIT_REACHED").
std::string OutcomeDetail(const absl::Status& outcome);

// A refused confirmation link (an unknown, used or expired token): an entry of its own, in a transaction of its
// own, like a failed login — so that someone trying tokens leaves a trace. The detail is the refusal's code and
// reason; a failure to write it is not the caller's (ignored).
void AuditRefusedConfirmation(const ServiceContext& ctx, const Caller& caller, const std::string& action,
                              const absl::Status& refusal);

// For admins (the access table lets only them call it): entries newest first as the filter says.
absl::StatusOr<std::vector<store::AuditRow>> ListAuditLog(const ServiceContext& ctx, const store::AuditFilter& filter);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_AUDIT_TRAIL_H_
