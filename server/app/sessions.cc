// See sessions.h.
#include "server/app/sessions.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/app/audit_trail.h"
#include "server/app/login_attempt.h"
#include "server/auth/secret_token.h"
#include "server/common/error.h"
#include "server/policy/account_rules.h"
#include "server/store/session_store.h"

namespace shiori::app {
namespace {

absl::Status InvalidCredentials() {
  return Error(absl::StatusCode::kUnauthenticated, "INVALID_CREDENTIALS",
               "利用者番号またはパスワードが違います。パスワードは登録されていますか。"
               "利用者番号とパスワードは半角で、英字の大文字と小文字は区別されます")
      .Rule("P8")
      .English("the patron number or the password is wrong");
}

absl::Status SessionInvalid() {
  return Error(absl::StatusCode::kUnauthenticated, "SESSION_INVALID",
               "ログインしていないか、一定時間操作がなかったためログアウトしました。もう一度ログインしてください")
      .Rule("P9")
      .English("not logged in, or the session has ended");
}

// The audit entry of one login attempt (P10): success, failure, a lock it caused, or a refusal while locked.
absl::Status AuditLogin(store::Tx& tx, const std::string& actor, const std::string& peer,
                        const AttemptOutcome& outcome, absl::Time now) {
  const char* action = outcome.accepted     ? "login"
                       : outcome.was_locked ? "login.refused_locked"
                       : outcome.locked_now ? "lockout"
                                            : "login.failed";
  const size_t colon = actor.find(':');
  const std::string target = absl::StrCat(actor.substr(0, colon) == "patron" ? "patrons/" : "staff/",
                                          actor.substr(colon + 1));
  return AuditAs(tx, actor, peer, action, target, "", now);
}

absl::StatusOr<std::string> OpenSession(store::Tx& tx, int kind, int64_t subject, v1::Channel channel,
                                        absl::Time now) {
  auto token = auth::NewSecretToken();
  if (!token.ok()) return token.status();
  store::SessionRow row{auth::TokenHash(*token), kind, subject, static_cast<int>(channel), now, now, false};
  absl::Status s = store::InsertSession(tx, row);
  if (!s.ok()) return s;
  return *token;
}

}  // namespace

absl::StatusOr<LoginResult> PatronLogin(const ServiceContext& ctx, const std::string& typed_number,
                                        const std::string& password, v1::Channel channel, const std::string& peer) {
  auto number = policy::NormalizePatronNumber(typed_number);
  if (!number.ok()) return number.status();
  absl::Status chars = policy::CheckPasswordCharacters(password);
  if (!chars.ok()) return chars;
  // A patron logs in at home (INTERNET, the default) or at a terminal in the library; another channel is no
  // patron's (the desk and other systems log in as themselves), and is refused rather than read as INTERNET.
  if (channel == v1::CHANNEL_UNSPECIFIED) channel = v1::INTERNET;
  if (channel != v1::INTERNET && channel != v1::TERMINAL) {
    return InvalidField("channel", "INTERNET or TERMINAL (or none, for INTERNET)").Rule("P9");
  }
  const absl::Time now = ctx.clock->Now();
  LoginResult result;
  bool accepted = false;
  bool rehash = false;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto patron = store::FindPatronByNumber(tx, *number);
    if (!patron.ok()) return patron.status();
    const std::string key = absl::StrCat("patron:", *number);
    auto ok = GuardedAttempt(ctx, tx, key, now, [&] {
      if (!patron->has_value() || !(*patron)->password_hash) {
        ctx.hasher.VerifyNothing(password);  // the same time as a wrong password (P8)
        return false;
      }
      return ctx.hasher.Verify(*(*patron)->password_hash, password);
    });
    if (!ok.ok()) return ok.status();
    if (absl::Status a = AuditLogin(tx, key, peer, *ok, now); !a.ok()) return a;
    accepted = ok->accepted;
    if (!accepted) return absl::OkStatus();  // commit the recorded failure
    result.patron = **patron;
    rehash = ctx.hasher.NeedsRehash(*result.patron.password_hash);
    auto token = OpenSession(tx, store::kPatronSubject, result.patron.id, channel, now);
    if (!token.ok()) return token.status();
    result.token = *token;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!accepted) return InvalidCredentials();
  if (rehash) {
    // The policy's hash parameters changed: store a fresh hash now that the password is known (P9).
    if (auto h = ctx.hasher.Hash(password); h.ok()) {
      (void)ctx.db->InTransaction([&](store::Tx& tx) { return store::SetPatronPasswordHash(tx, result.patron.id, *h); });
    }
  }
  result.idle_timeout_seconds =
      static_cast<int>(absl::ToInt64Seconds(policy::SessionIdleTimeout(channel, ctx.policy.account())));
  return result;
}

absl::StatusOr<StaffLoginResult> StaffLogin(const ServiceContext& ctx, const std::string& typed_id,
                                            const std::string& password, const std::string& peer) {
  // As typed, less surrounding spaces: one staff member is one id in the lockout and the audit log.
  const std::string staff_id(absl::StripAsciiWhitespace(typed_id));
  if (staff_id.empty() || staff_id.size() > 32) return InvalidField("staff_id", "give your staff id");
  const absl::Time now = ctx.clock->Now();
  StaffLoginResult result;
  bool accepted = false;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto staff = store::FindStaff(tx, staff_id);
    if (!staff.ok()) return staff.status();
    const std::string key = absl::StrCat("staff:", staff_id);
    auto ok = GuardedAttempt(ctx, tx, key, now, [&] {
      if (!staff->has_value() || !(*staff)->password_hash) {
        ctx.hasher.VerifyNothing(password);
        return false;
      }
      return ctx.hasher.Verify(*(*staff)->password_hash, password);
    });
    if (!ok.ok()) return ok.status();
    if (absl::Status a = AuditLogin(tx, key, peer, *ok, now); !a.ok()) return a;
    accepted = ok->accepted;
    if (!accepted) return absl::OkStatus();
    result.staff = **staff;
    auto token = OpenSession(tx, store::kStaffSubject, result.staff.id, v1::COUNTER, now);
    if (!token.ok()) return token.status();
    result.token = *token;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!accepted) {
    return Error(absl::StatusCode::kUnauthenticated, "INVALID_CREDENTIALS", "職員IDまたはパスワードが違います")
        .Rule("P8")
        .English("the staff id or the password is wrong");
  }
  result.idle_timeout_seconds =
      static_cast<int>(absl::ToInt64Seconds(policy::SessionIdleTimeout(v1::COUNTER, ctx.policy.account())));
  return result;
}

bool SessionTouchDue(absl::Time last_seen, absl::Time now) {
  // Touching last_seen_at on every call would write on every read; a minute of slack costs nothing against
  // idle timeouts counted in minutes.
  return now - last_seen >= absl::Seconds(30);
}

absl::StatusOr<Caller> Authenticate(const ServiceContext& ctx, const std::string& token) {
  if (!auth::IsWellFormedToken(token)) return SessionInvalid();
  const std::string hash = auth::TokenHash(token);
  const absl::Time now = ctx.clock->Now();
  Caller caller;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto found = store::FindSessionCaller(tx, hash);
    if (!found.ok()) return found.status();
    if (!found->has_value() || (*found)->session.ended || !(*found)->subject_exists) return SessionInvalid();
    const store::SessionCaller& who = **found;
    const store::SessionRow& row = who.session;
    auto channel = static_cast<v1::Channel>(row.channel);
    if (policy::SessionExpired(row.last_seen_at, now, channel, ctx.policy.account())) return SessionInvalid();
    caller.channel = channel;
    caller.session_hash = hash;
    if (row.subject_kind == store::kPatronSubject) {
      caller.kind = Caller::Kind::kPatron;
      caller.patron_id = row.subject_id;
      caller.patron_number = who.patron_number;
      caller.category = static_cast<v1::PatronCategory>(who.category);
    } else {
      caller.kind = Caller::Kind::kStaff;
      caller.staff_id = row.subject_id;
      caller.staff_login = who.staff_login;
      caller.admin = who.is_admin;
      caller.libraries = who.libraries;
    }
    if (SessionTouchDue(row.last_seen_at, now)) return store::TouchSession(tx, hash, now);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return caller;
}

absl::Status Logout(const ServiceContext& ctx, const Caller& caller) {
  if (caller.session_hash.empty()) return SessionInvalid();
  return ctx.db->WithConnection(
      [&](store::Tx& tx) { return store::EndSession(tx, caller.session_hash, ctx.clock->Now()); });
}

}  // namespace shiori::app
