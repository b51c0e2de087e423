// See mail_addresses.h.
#include "server/app/mail_addresses.h"

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/app/audit_trail.h"
#include "server/app/confirmation_mail.h"
#include "server/app/request_ids.h"
#include "server/auth/secret_token.h"
#include "server/common/error.h"
#include "server/policy/account_rules.h"
#include "server/store/outbox_store.h"
#include "server/store/patron_email_store.h"
#include "server/store/patron_store.h"

namespace shiori::app {
namespace {

int MaxSlots(const ServiceContext& ctx) {
  int n = ctx.policy.account().max_email_addresses();
  return n > 0 ? n : 2;
}

absl::Status PatronOnly(const Caller& caller) {
  if (caller.is_patron()) return absl::OkStatus();
  return Error(absl::StatusCode::kPermissionDenied, "PATRON_ONLY", "利用者としてログインしてください")
      .Rule("P10")
      .English("only a logged-in patron has mail addresses");
}

absl::Status CheckSlot(const ServiceContext& ctx, int slot, bool allow_zero) {
  if ((allow_zero && slot == 0) || (slot >= 1 && slot <= MaxSlots(ctx))) return absl::OkStatus();
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_EMAIL_SLOT",
               absl::StrCat("メールアドレスの番号は 1 から ", MaxSlots(ctx), " です"))
      .Rule("P7")
      .Meta("max_email_addresses", absl::StrCat(MaxSlots(ctx)))
      .Field("slot", "1 or 2");
}

const store::PatronEmailRow* InSlot(const std::vector<store::PatronEmailRow>& rows, int slot) {
  for (const auto& r : rows) {
    if (r.slot == slot) return &r;
  }
  return nullptr;
}

int FirstFreeSlot(const ServiceContext& ctx, const std::vector<store::PatronEmailRow>& rows) {
  for (int s = 1; s <= MaxSlots(ctx); ++s) {
    if (InSlot(rows, s) == nullptr) return s;
  }
  return 0;
}

}  // namespace

absl::Status AddEmailAddress(const ServiceContext& ctx, const Caller& caller, const std::string& address, int slot,
                             const std::string& request_id) {
  if (absl::Status s = PatronOnly(caller); !s.ok()) return s;
  if (absl::Status s = policy::CheckEmailAddress(address, "address"); !s.ok()) return s;
  if (absl::Status s = CheckSlot(ctx, slot, /*allow_zero=*/true); !s.ok()) return s;
  const absl::Time now = ctx.clock->Now();
  auto token = NewConfirmationToken(ctx, now);
  if (!token.ok()) return token.status();
  return ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto patron = store::FindPatronById(tx, caller.patron_id, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    auto rows = store::ListPatronEmails(tx, caller.patron_id);
    if (!rows.ok()) return rows.status();
    if (!request_id.empty()) {
      for (const store::PatronEmailRow& e : *rows) {
        if (e.request_id != request_id) continue;
        const bool same_address = e.address == address || e.pending_address == address;
        if (!same_address || (slot != 0 && e.slot != slot)) return RequestIdReused("address or slot");
        return absl::OkStatus();  // a retry: the address is there, its link already mailed
      }
    }
    int target = slot;
    if (target == 0) target = FirstFreeSlot(ctx, *rows);
    if (target == 0) {
      return Error(absl::StatusCode::kFailedPrecondition, "EMAIL_LIMIT_REACHED",
                   absl::StrCat("メールアドレスは ", MaxSlots(ctx),
                                " 件まで登録できます。変更するアドレスの番号を指定してください"))
          .Rule("P7")
          .Meta("max_email_addresses", absl::StrCat(MaxSlots(ctx)));
    }
    const std::string audit_target = absl::StrCat("patrons/", caller.patron_number);
    const store::PatronEmailRow* current = InSlot(*rows, target);
    if (current != nullptr && current->confirmed) {
      // P7: the slot's confirmed address stays in use (hold-ready mail goes on reaching the patron) until the
      // new one is confirmed from the mail sent to it.
      store::PatronEmailRow pending = *current;
      pending.request_id = request_id;
      if (address == current->address) {  // the address already confirmed there: nothing to confirm
        pending.pending_address.clear();
        if (absl::Status s = store::SetPendingPatronEmail(tx, pending); !s.ok()) return s;
        return Audit(tx, caller, "patron.email.add", audit_target, absl::StrCat("slot ", target, " kept"), now);
      }
      pending.pending_address = address;
      pending.token_hash = token->hash;
      pending.token_expires_at = token->expires_at;
      if (absl::Status s = store::SetPendingPatronEmail(tx, pending); !s.ok()) return s;
    } else {
      store::PatronEmailRow row{caller.patron_id, target, address, false, "", token->hash, token->expires_at,
                                request_id};
      if (absl::Status s = store::PutPatronEmail(tx, row, now); !s.ok()) return s;
    }
    if (absl::Status s = EnqueueConfirmationMail(tx, store::kMailKindEmailConfirm, address, *token, now); !s.ok()) {
      return s;
    }
    return Audit(tx, caller, "patron.email.add", audit_target,
                 absl::StrCat("slot ", target, current != nullptr && current->confirmed ? " pending" : ""), now);
  });
}

absl::Status RemoveEmailAddress(const ServiceContext& ctx, const Caller& caller, int slot) {
  if (absl::Status s = PatronOnly(caller); !s.ok()) return s;
  if (absl::Status s = CheckSlot(ctx, slot, /*allow_zero=*/false); !s.ok()) return s;
  const absl::Time now = ctx.clock->Now();
  return ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto patron = store::FindPatronById(tx, caller.patron_id, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    auto rows = store::ListPatronEmails(tx, caller.patron_id);
    if (!rows.ok()) return rows.status();
    if (InSlot(*rows, slot) == nullptr) {
      return Error(absl::StatusCode::kNotFound, "EMAIL_SLOT_EMPTY", "そのメールアドレスは登録されていません")
          .Rule("P7")
          .Meta("slot", absl::StrCat(slot));
    }
    if (absl::Status s = store::DeletePatronEmail(tx, caller.patron_id, slot); !s.ok()) return s;
    auto choice = store::GetHoldNoticeChoice(tx, caller.patron_id);
    if (!choice.ok()) return choice.status();
    if (choice->method == store::kHoldNoticeEmail && choice->slot == slot) {
      // The chosen address is gone: the notices go to the other confirmed one, now chosen by its slot, so that an
      // address added to the freed slot later does not take them over unasked (P7); with none, no choice.
      store::HoldNoticeChoice next;
      for (const auto& r : *rows) {
        if (r.slot != slot && r.confirmed) next = {store::kHoldNoticeEmail, r.slot};
      }
      if (absl::Status s = store::SetHoldNoticeChoice(tx, caller.patron_id, next); !s.ok()) return s;
      *choice = next;
    }
    // A ready mail written to the removed address and not sent yet goes where the notices go now, or fails
    // visibly when there is no address left (R15): never to an address the patron took back.
    const store::PatronEmailRow* removed = InSlot(*rows, slot);
    if (removed->confirmed) {
      std::vector<int> remaining;
      for (const auto& r : *rows) {
        if (r.slot != slot && r.confirmed) remaining.push_back(r.slot);
      }
      const std::optional<int> to = store::MailSlot(*choice, remaining);
      const std::string address = to ? InSlot(*rows, *to)->address : "";
      if (auto n = store::RedirectPendingReadyMail(tx, caller.patron_id, removed->address, address); !n.ok()) {
        return n.status();
      }
    }
    return Audit(tx, caller, "patron.email.remove", absl::StrCat("patrons/", caller.patron_number),
                 absl::StrCat("slot ", slot), now);
  });
}

namespace {

absl::StatusOr<std::string> ConfirmEmailToken(const ServiceContext& ctx, const Caller& caller,
                                              const std::string& token) {
  auto invalid = [] {
    return Error(absl::StatusCode::kFailedPrecondition, "CONFIRMATION_INVALID",
                 "このリンクは使えません。すでに使われたか、アドレスが変更されました")
        .Rule("P7")
        .English("the confirmation link is unknown or was already used");
  };
  if (!auth::IsWellFormedToken(token)) return invalid();
  const absl::Time now = ctx.clock->Now();
  std::string address;
  bool expired = false;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto row = store::FindPatronEmailByToken(tx, auth::TokenHash(token));
    if (!row.ok()) return row.status();
    if (!row->has_value()) return invalid();
    const store::PatronEmailRow e = **row;
    auto patron = store::FindPatronById(tx, e.patron_id, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    if (!patron->has_value()) return invalid();
    if (now >= e.token_expires_at) {
      expired = true;
      return absl::OkStatus();
    }
    address = e.pending_address.empty() ? e.address : e.pending_address;
    if (absl::Status x = store::ConfirmPatronEmail(tx, e.patron_id, e.slot, now); !x.ok()) return x;
    if (e.confirmed && !e.pending_address.empty()) {
      // The slot's new address takes the old one's place (P7), also for a ready mail not sent yet.
      if (auto n = store::RedirectPendingReadyMail(tx, e.patron_id, e.address, e.pending_address); !n.ok()) {
        return n.status();
      }
    }
    auto choice = store::GetHoldNoticeChoice(tx, e.patron_id);
    if (!choice.ok()) return choice.status();
    if (choice->method == store::kHoldNoticeUnset) {
      if (absl::Status x = store::SetHoldNoticeChoice(tx, e.patron_id, {store::kHoldNoticeEmail, e.slot}); !x.ok()) {
        return x;
      }
    }
    const std::string number = (*patron)->patron_number;
    return AuditAs(tx, absl::StrCat("patron:", number), caller.peer, "patron.email.confirm",
                   absl::StrCat("patrons/", number), absl::StrCat("slot ", e.slot), now);
  });
  if (!s.ok()) return s;
  if (expired) {
    return Error(absl::StatusCode::kFailedPrecondition, "CONFIRMATION_EXPIRED",
                 "このリンクの有効期限が過ぎています。もう一度メールアドレスを登録してください")
        .Rule("P7")
        .Meta("confirmation_token_hours", absl::StrCat(ctx.policy.account().confirmation_token_hours()));
  }
  return address;
}

}  // namespace

absl::StatusOr<std::string> ConfirmEmailAddress(const ServiceContext& ctx, const Caller& caller,
                                                const std::string& token) {
  auto done = ConfirmEmailToken(ctx, caller, token);
  if (!done.ok()) AuditRefusedConfirmation(ctx, caller, "patron.email.confirm.refused", done.status());
  return done;
}

absl::Status SetHoldNotice(const ServiceContext& ctx, const Caller& caller, v1::NotifyMethod method, int slot) {
  if (absl::Status s = PatronOnly(caller); !s.ok()) return s;
  if (method != v1::EMAIL && method != v1::TELEPHONE) {
    return Error(absl::StatusCode::kInvalidArgument, "INVALID_NOTIFY_METHOD", "メールか電話を選んでください")
        .Rule("R2")
        .Field("method", "EMAIL or TELEPHONE");
  }
  if (method == v1::EMAIL) {
    if (absl::Status s = CheckSlot(ctx, slot, /*allow_zero=*/true); !s.ok()) return s;
  }
  const absl::Time now = ctx.clock->Now();
  return ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto patron = store::FindPatronById(tx, caller.patron_id, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    store::HoldNoticeChoice choice{store::kHoldNoticeTelephone, std::nullopt};
    if (method == v1::EMAIL) {
      auto rows = store::ListPatronEmails(tx, caller.patron_id);
      if (!rows.ok()) return rows.status();
      std::optional<int> chosen;
      for (const auto& r : *rows) {
        if (r.confirmed && (slot == 0 || r.slot == slot)) {
          chosen = r.slot;
          break;
        }
      }
      if (!chosen) {
        return Error(absl::StatusCode::kFailedPrecondition, "EMAIL_NOT_CONFIRMED",
                     "確認の済んだメールアドレスだけを通知先にできます。確認メールのリンクを開いてください")
            .Rule("P7")
            .Meta("slot", absl::StrCat(slot));
      }
      choice = {store::kHoldNoticeEmail, chosen};
    }
    if (absl::Status s = store::SetHoldNoticeChoice(tx, caller.patron_id, choice); !s.ok()) return s;
    return Audit(tx, caller, "patron.hold_notice.set", absl::StrCat("patrons/", caller.patron_number),
                 method == v1::EMAIL ? absl::StrCat("email slot ", *choice.slot) : "telephone", now);
  });
}

absl::StatusOr<KeptAddress> KeepConfirmedAddress(const ServiceContext& ctx, store::Tx& tx, int64_t patron_id,
                                                 const std::string& address, absl::Time now) {
  auto rows = store::ListPatronEmails(tx, patron_id);
  if (!rows.ok()) return rows.status();
  int slot = 0;
  for (const auto& r : *rows) {
    if (r.address == address || r.pending_address == address) slot = r.slot;
  }
  auto choice = store::GetHoldNoticeChoice(tx, patron_id);
  if (!choice.ok()) return choice.status();
  if (slot == 0) slot = FirstFreeSlot(ctx, *rows);
  // Every slot in use: the address takes the place of one not yet confirmed, else of one the hold-ready notices
  // do not go to (P7) — never silently of the patron's chosen address.
  for (const auto& r : *rows) {
    if (slot == 0 && !r.confirmed) slot = r.slot;
  }
  const bool chosen_by_slot = choice->method == store::kHoldNoticeEmail && choice->slot.has_value();
  for (const auto& r : *rows) {
    if (slot == 0 && (!chosen_by_slot || r.slot != *choice->slot)) slot = r.slot;
  }
  if (slot == 0) slot = 1;
  KeptAddress kept{slot, ""};
  for (const auto& r : *rows) {
    if (r.slot == slot && r.confirmed && r.address != address) kept.replaced = r.address;
  }
  store::PatronEmailRow row{patron_id, slot, address, true, "", "", absl::InfinitePast()};
  if (absl::Status s = store::PutPatronEmail(tx, row, now); !s.ok()) return s;
  if (choice->method == store::kHoldNoticeUnset) {
    if (absl::Status s = store::SetHoldNoticeChoice(tx, patron_id, {store::kHoldNoticeEmail, slot}); !s.ok()) return s;
  }
  return kept;
}

}  // namespace shiori::app
