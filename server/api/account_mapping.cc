// See account_mapping.h.
#include "server/api/account_mapping.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/api/proto_mapping.h"

namespace shiori::api {

void ToProfile(const app::PatronProfile& p, v1::Profile* out) {
  ToPatron(p.patron, out->mutable_patron());
  out->set_name_kana(p.patron.name_kana);
  out->set_address(p.patron.address);
  out->set_phone(p.patron.phone);
  out->set_password_registered(p.patron.password_hash.has_value());
  for (const auto& e : p.emails) {
    auto* m = out->add_email_addresses();
    m->set_slot(e.slot);
    m->set_address(e.address);
    m->set_confirmed(e.confirmed);
    m->set_pending_address(e.pending_address);
    m->set_confirmation_expired(p.confirmation_expired_slots.count(e.slot) > 0);
    m->set_hold_notice(p.hold_notice_slot && *p.hold_notice_slot == e.slot);
  }
  if (p.hold_notice.method == store::kHoldNoticeTelephone) {
    out->set_hold_notice(v1::TELEPHONE);
  } else if (p.hold_notice_slot) {
    out->set_hold_notice(v1::EMAIL);
  }
  out->set_reading_history(p.patron.reading_history);
}

void ToPatronRecord(const store::PatronRow& p, v1::PatronRecord* out) {
  if (!p.patron_number.empty()) out->set_name(absl::StrCat("patrons/", p.patron_number));
  out->set_patron_number(p.patron_number);
  out->set_category(static_cast<v1::PatronCategory>(p.category));
  out->set_display_name(p.name);
  out->set_name_kana(p.name_kana);
  out->set_address(p.address);
  out->set_phone(p.phone);
  out->set_home_library(LibraryName(p.home_library));
  out->set_password_registered(p.password_hash.has_value());
  out->set_blocked(p.blocked);
}

app::PatronFields FromPatronRecord(const v1::PatronRecord& r) {
  return app::PatronFields{static_cast<int>(r.category()), r.display_name(), r.name_kana(), r.address(), r.phone(),
                           LibraryId(r.home_library()), r.blocked()};
}

void ToAuditEntry(const store::AuditRow& row, v1::AuditEntry* out) {
  out->set_time(ToRfc3339(row.record.at));
  out->set_actor(row.record.actor);
  out->set_action(row.record.action);
  out->set_target(row.record.target);
  out->set_detail(row.record.detail);
  out->set_peer(row.record.peer);
}

std::string PatronNumberOf(absl::string_view name) {
  if (absl::StartsWith(name, "patrons/")) name.remove_prefix(8);
  return std::string(name);
}

}  // namespace shiori::api
