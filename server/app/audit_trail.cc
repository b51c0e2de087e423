// See audit_trail.h.
#include "server/app/audit_trail.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/error.h"
#include "server/store/audit_log.h"

namespace shiori::app {

std::string ActorOf(const Caller& caller) {
  switch (caller.kind) {
    case Caller::Kind::kPatron:
      return absl::StrCat("patron:", caller.patron_number);
    case Caller::Kind::kStaff:
      return absl::StrCat("staff:", caller.staff_login);
    case Caller::Kind::kService:
      return absl::StrCat("service:", caller.service_name);
    case Caller::Kind::kAnonymous:
      break;
  }
  return "anonymous";
}

absl::Status Audit(store::Tx& tx, const Caller& caller, const std::string& action, const std::string& target,
                   const std::string& detail, absl::Time now) {
  return AuditAs(tx, ActorOf(caller), caller.peer, action, target, detail, now);
}

absl::Status AuditAs(store::Tx& tx, const std::string& actor, const std::string& peer, const std::string& action,
                     const std::string& target, const std::string& detail, absl::Time now) {
  return store::AppendAuditRecord(tx, store::AuditRecord{now, actor, action, target, detail, peer});
}

std::string OutcomeDetail(const absl::Status& outcome) {
  return outcome.ok() ? "ok" : absl::StrCat(absl::StatusCodeToString(outcome.code()), " ", ReasonOf(outcome));
}

void AuditRefusedConfirmation(const ServiceContext& ctx, const Caller& caller, const std::string& action,
                              const absl::Status& refusal) {
  const std::string reason = ReasonOf(refusal);
  if (refusal.code() != absl::StatusCode::kFailedPrecondition || !absl::StartsWith(reason, "CONFIRMATION_")) return;
  absl::Status logged = ctx.db->WithConnection([&](store::Tx& tx) {
    return Audit(tx, caller, action, "", OutcomeDetail(refusal), ctx.clock->Now());
  });
  (void)logged;
}

absl::StatusOr<std::vector<store::AuditRow>> ListAuditLog(const ServiceContext& ctx, const store::AuditFilter& filter) {
  std::vector<store::AuditRow> rows;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto found = store::ListAuditRecords(tx, filter);
    if (!found.ok()) return found.status();
    rows = std::move(*found);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return rows;
}

}  // namespace shiori::app
