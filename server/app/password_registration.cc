// See password_registration.h.
#include "server/app/password_registration.h"

#include "absl/strings/str_cat.h"
#include "server/app/audit_trail.h"
#include "server/app/confirmation_mail.h"
#include "server/app/mail_addresses.h"
#include "server/auth/secret_token.h"
#include "server/common/error.h"
#include "server/policy/account_rules.h"
#include "server/store/outbox_store.h"
#include "server/store/patron_store.h"
#include "server/store/registration_store.h"
#include "server/store/session_store.h"

namespace shiori::app {

const char kRegistrationReply[] =
    "入力内容が登録されている内容と一致する場合は、確認メールを送信しました。"
    "メールのリンクを開くと、新しいパスワードが使えるようになります";

namespace {

absl::Status ConfirmationInvalid() {
  return Error(absl::StatusCode::kFailedPrecondition, "CONFIRMATION_INVALID",
               "このリンクは使えません。すでに使われたか、新しいお申し込みで無効になりました")
      .Rule("P4")
      .English("the confirmation link is unknown or was already used");
}

}  // namespace

absl::StatusOr<RegistrationReply> RegisterPassword(const ServiceContext& ctx, const Caller& caller,
                                                   const RegistrationRequest& req) {
  auto number = policy::NormalizePatronNumber(req.patron_number);
  if (!number.ok()) return number.status();
  if (policy::NormalizeKana(req.name_kana).empty()) {
    return Error(absl::StatusCode::kInvalidArgument, "NAME_KANA_REQUIRED", "氏名カナを入力してください")
        .Rule("P4")
        .Field("name_kana", "give the name in katakana as registered");
  }
  if (policy::NormalizePhone(req.phone).empty()) {
    return Error(absl::StatusCode::kInvalidArgument, "PHONE_REQUIRED", "電話番号を入力してください")
        .Rule("P4")
        .Field("phone", "give the telephone number as registered");
  }
  if (absl::Status p = policy::CheckPassword(req.password, ctx.policy.password()); !p.ok()) return p;
  if (absl::Status e = policy::CheckEmailAddress(req.email); !e.ok()) return e;

  // Hash and make the token whatever the number: an unknown number costs the same time as a known one.
  auto hash = ctx.hasher.Hash(req.password);
  if (!hash.ok()) return hash.status();
  const absl::Time now = ctx.clock->Now();
  auto token = NewConfirmationToken(ctx, now);
  if (!token.ok()) return token.status();

  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto patron = store::FindPatronByNumber(tx, *number, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    const bool matches = patron->has_value() &&
                         policy::RegistrationMatches((*patron)->name_kana, (*patron)->phone, req.name_kana, req.phone);
    // The audit log tells admins what happened; the caller is told nothing (P8).
    if (absl::Status a = Audit(tx, caller, "patron.register_password", absl::StrCat("patrons/", *number),
                               matches ? "confirmation mailed" : "details did not match a record", now);
        !a.ok()) {
      return a;
    }
    if (!matches) return absl::OkStatus();
    if (!req.request_id.empty()) {
      // A retry of the registration already waiting: its link stays the one that works, and is not mailed again.
      auto pending = store::PendingRegistrationRequestId(tx, (*patron)->id);
      if (!pending.ok()) return pending.status();
      if (*pending == req.request_id) return absl::OkStatus();
    }
    store::RegistrationRow row{(*patron)->id, token->hash, *hash, req.email, now, token->expires_at, req.request_id};
    if (absl::Status put = store::PutRegistration(tx, row); !put.ok()) return put;
    return EnqueueConfirmationMail(tx, store::kMailKindRegistrationConfirm, req.email, *token, now);
  });
  if (!s.ok()) return s;
  return RegistrationReply{kRegistrationReply, ctx.policy.account().confirmation_token_hours()};
}

namespace {

absl::StatusOr<ConfirmedRegistration> ConfirmRegistrationToken(const ServiceContext& ctx, const Caller& caller,
                                                               const std::string& token) {
  if (!auth::IsWellFormedToken(token)) return ConfirmationInvalid();
  const std::string token_hash = auth::TokenHash(token);
  const absl::Time now = ctx.clock->Now();
  std::string number;
  KeptAddress kept;
  bool expired = false;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto pending = store::FindRegistrationByToken(tx, token_hash);
    if (!pending.ok()) return pending.status();
    if (!pending->has_value()) return ConfirmationInvalid();
    const store::RegistrationRow reg = **pending;
    auto patron = store::FindPatronById(tx, reg.patron_id, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    if (!patron->has_value()) return ConfirmationInvalid();
    number = (*patron)->patron_number;
    if (now >= reg.expires_at) {
      // Spent either way: the patron applies again (P4).
      expired = true;
      return store::DeleteRegistration(tx, reg.patron_id);
    }
    if (absl::Status x = store::SetPatronPasswordHash(tx, reg.patron_id, reg.password_hash); !x.ok()) return x;
    if (absl::Status x = store::DeleteRegistration(tx, reg.patron_id); !x.ok()) return x;
    // The mail reached this address and the patron opened it: the address is confirmed too (P7).
    auto address = KeepConfirmedAddress(ctx, tx, reg.patron_id, reg.email, now);
    if (!address.ok()) return address.status();
    kept = *address;
    // A reissued password ends whatever sessions the old one had opened.
    if (absl::Status x = store::EndOtherSessions(tx, store::kPatronSubject, reg.patron_id, "", now); !x.ok()) {
      return x;
    }
    return AuditAs(tx, absl::StrCat("patron:", number), caller.peer, "patron.confirm_registration",
                   absl::StrCat("patrons/", number),
                   absl::StrCat("mail slot ", kept.slot, kept.replaced.empty() ? "" : " (replaced a confirmed address)"),
                   now);
  });
  if (!s.ok()) return s;
  if (expired) {
    return Error(absl::StatusCode::kFailedPrecondition, "CONFIRMATION_EXPIRED",
                 "このリンクの有効期限が過ぎています。もう一度お申し込みください")
        .Rule("P4")
        .Meta("confirmation_token_hours", absl::StrCat(ctx.policy.account().confirmation_token_hours()))
        .English("the confirmation link has expired");
  }
  return ConfirmedRegistration{number, kept};
}

}  // namespace

absl::StatusOr<ConfirmedRegistration> ConfirmRegistration(const ServiceContext& ctx, const Caller& caller,
                                                          const std::string& token) {
  auto done = ConfirmRegistrationToken(ctx, caller, token);
  if (!done.ok()) AuditRefusedConfirmation(ctx, caller, "patron.confirm_registration.refused", done.status());
  return done;
}

}  // namespace shiori::app
