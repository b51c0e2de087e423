// See patron_profile.h.
#include "server/app/patron_profile.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "server/app/audit_trail.h"
#include "server/app/login_attempt.h"
#include "server/common/error.h"
#include "server/policy/account_rules.h"
#include "server/store/patron_record_store.h"
#include "server/store/session_store.h"

namespace shiori::app {
namespace {

absl::Status PatronOnly(const Caller& caller) {
  if (caller.is_patron()) return absl::OkStatus();
  return Error(absl::StatusCode::kPermissionDenied, "PATRON_ONLY", "利用者としてログインしてください")
      .Rule("P10")
      .English("only a logged-in patron has a profile");
}

}  // namespace

absl::StatusOr<PatronProfile> GetProfile(const ServiceContext& ctx, const Caller& caller) {
  if (absl::Status s = PatronOnly(caller); !s.ok()) return s;
  PatronProfile out;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto patron = store::FindPatronById(tx, caller.patron_id);
    if (!patron.ok()) return patron.status();
    if (!patron->has_value()) return NotFoundError("patron", caller.patron_number);
    out.patron = **patron;
    auto emails = store::ListPatronEmails(tx, caller.patron_id);
    if (!emails.ok()) return emails.status();
    out.emails = *emails;
    const absl::Time now = ctx.clock->Now();
    for (const auto& e : out.emails) {
      const bool waiting = !e.confirmed || !e.pending_address.empty();
      if (waiting && !e.token_hash.empty() && now >= e.token_expires_at) out.confirmation_expired_slots.insert(e.slot);
    }
    auto choice = store::GetHoldNoticeChoice(tx, caller.patron_id);
    if (!choice.ok()) return choice.status();
    out.hold_notice = *choice;
    auto address = store::HoldNoticeAddress(tx, caller.patron_id);
    if (!address.ok()) return address.status();
    if (address->has_value()) {
      for (const auto& e : out.emails) {
        if (e.confirmed && e.address == **address) {
          out.hold_notice_slot = e.slot;
          break;
        }
      }
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<int> ChangePassword(const ServiceContext& ctx, const Caller& caller, const std::string& current,
                                   const std::string& replacement) {
  if (absl::Status s = PatronOnly(caller); !s.ok()) return s;
  if (absl::Status s = policy::CheckPassword(replacement, ctx.policy.password(), "new_password"); !s.ok()) return s;
  auto hash = ctx.hasher.Hash(replacement);
  if (!hash.ok()) return hash.status();
  const absl::Time now = ctx.clock->Now();
  bool accepted = false;
  AttemptOutcome refusal;
  int ended = 0;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto patron = store::FindPatronById(tx, caller.patron_id, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    if (!patron->has_value()) return NotFoundError("patron", caller.patron_number);
    const std::string key = absl::StrCat("patron:", caller.patron_number);
    auto outcome = GuardedAttempt(ctx, tx, key, now, [&] {
      if (!(*patron)->password_hash) {
        ctx.hasher.VerifyNothing(current);
        return false;
      }
      // A retry of a change that was done (the same new password is the stored one) is done again, harmlessly:
      // whoever knows the stored password learns nothing. Else the current password must match.
      return ctx.hasher.Verify(*(*patron)->password_hash, current) ||
             ctx.hasher.Verify(*(*patron)->password_hash, replacement);
    });
    if (!outcome.ok()) return outcome.status();
    accepted = outcome->accepted;
    refusal = *outcome;
    const std::string target = absl::StrCat("patrons/", caller.patron_number);
    if (!accepted) {
      // Commit the recorded failure (and its audit entry); the caller gets the refusal below.
      return Audit(tx, caller, outcome->locked_now ? "lockout" : "password.change_refused", target, "", now);
    }
    auto open = store::ListOpenSessions(tx, store::kPatronSubject, caller.patron_id, caller.session_hash);
    if (!open.ok()) return open.status();
    // The patron is told how many other logins this ended: those idled out had ended already (P9).
    for (const store::OpenSession& o : *open) {
      if (!policy::SessionExpired(o.last_seen_at, now, static_cast<v1::Channel>(o.channel), ctx.policy.account())) {
        ++ended;
      }
    }
    if (absl::Status x = store::SetPatronPasswordHash(tx, caller.patron_id, *hash); !x.ok()) return x;
    if (absl::Status x = store::EndOtherSessions(tx, store::kPatronSubject, caller.patron_id, caller.session_hash, now);
        !x.ok()) {
      return x;
    }
    return Audit(tx, caller, "password.change", target, absl::StrCat(ended, " other sessions ended"), now);
  });
  if (!s.ok()) return s;
  if (refusal.was_locked || refusal.locked_now) {
    // The session already proves who this is, so P8's one generic answer is not needed: the patron is told
    // that the account is locked (P9), not that a password that may be right is wrong.
    // The minutes left of the lock, rounded up: "1 minute" until it has ended.
    const int64_t left =
        refusal.locked_until
            ? std::max<int64_t>(1, absl::ToInt64Minutes(absl::Ceil(*refusal.locked_until - now, absl::Minutes(1))))
            : ctx.policy.account().lockout_minutes();
    return Error(absl::StatusCode::kFailedPrecondition, "PASSWORD_ATTEMPTS_LOCKED",
                 absl::StrCat(refusal.locked_now ? "現在のパスワードが違います。" : "",
                              "パスワードの誤りが続いたため、あと", left,
                              "分間はパスワードの変更もログインもできません。時間をおいてお試しください"))
        .Rule("P9")
        .Meta("lockout_minutes", std::to_string(ctx.policy.account().lockout_minutes()))
        .Meta("minutes_left", std::to_string(left))
        .English("too many wrong passwords: password changes and logins are locked for a while");
  }
  if (!accepted) {
    // INVALID_ARGUMENT, not UNAUTHENTICATED: the session is fine, one field of the request is wrong.
    return Error(absl::StatusCode::kInvalidArgument, "CURRENT_PASSWORD_WRONG", "現在のパスワードが違います")
        .Rule("P5")
        .Field("current_password", "the current password is wrong");
  }
  return ended;
}

}  // namespace shiori::app
