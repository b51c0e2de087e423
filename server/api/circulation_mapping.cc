// See circulation_mapping.h.
#include "server/api/circulation_mapping.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/api/proto_mapping.h"
#include "server/policy/renewal_rules.h"

namespace shiori::api {
namespace {

std::string DayText(absl::CivilDay d) { return absl::StrFormat("%d年%d月%d日", d.year(), d.month(), d.day()); }

std::string LibraryJa(const std::string& id) {
  if (id == "main") return "本館";
  if (id == "branch") return "分館";
  return id;
}

}  // namespace

void ToLoan(const store::LoanRow& l, const v1::Policy& policy, absl::CivilDay today, v1::Loan* out) {
  if (l.id > 0) {
    out->set_name(absl::StrCat("loans/", l.id));
    out->set_loan_id(absl::StrCat(l.id));
  }
  out->set_record(absl::StrCat("records/", l.record_id));
  out->set_title(l.title);
  out->set_barcode(l.barcode);
  out->set_library(LibraryName(l.library));
  ToDate(l.due_date, out->mutable_due_date());
  out->set_reserved_by_others(l.waiting_reservations > 0);
  out->set_overdue(!l.returned_at && policy::Overdue(l.due_date, today));
  out->set_renewals_left(policy::RenewalsLeft(policy, l.renewals));
  out->set_loan_time(ToRfc3339(l.loaned_at));
  out->set_patron_number(l.patron_number);
  if (l.returned_at) out->set_return_time(ToRfc3339(*l.returned_at));
}

void ToCopyRouting(const app::DeskScanResult& r, const v1::Policy& policy, absl::CivilDay today,
                   v1::CopyRouting* out) {
  out->set_barcode(r.copy.barcode);
  out->set_record(absl::StrCat("records/", r.copy.record_id));
  out->set_title(r.copy.title);
  out->set_library(LibraryName(r.routing.library));
  if (r.routing.reservation_id > 0) out->set_reservation(absl::StrCat("reservations/", r.routing.reservation_id));
  using Kind = policy::Route::Kind;
  switch (r.routing.kind) {
    case Kind::kSecureHere:
      out->set_action(v1::HOLD_SHELF);
      out->set_patron_number(r.routing.patron_number);
      out->set_patron_name(r.routing.patron_name);
      if (r.routing.deadline) ToDate(*r.routing.deadline, out->mutable_pickup_deadline());
      out->set_notify_method(static_cast<v1::NotifyMethod>(r.routing.notify_method));
      out->set_instruction(absl::StrCat(
          "予約確保棚へ: ", r.routing.patron_number, " ", r.routing.patron_name, " 様",
          r.routing.deadline ? absl::StrCat("（取置期限 ", DayText(*r.routing.deadline), "）") : "",
          r.routing.notify_method == v1::TELEPHONE ? "・電話連絡リストに載りました" : ""));
      break;
    case Kind::kSendForReservation:
      out->set_action(v1::SEND_TO);
      out->set_instruction(absl::StrCat(LibraryJa(r.routing.library), "へ回送してください（予約のため）"));
      break;
    case Kind::kSendHome:
      out->set_action(v1::SEND_TO);
      out->set_instruction(absl::StrCat(LibraryJa(r.routing.library), "へ回送してください（所蔵館へ返送）"));
      break;
    case Kind::kShelve:
      out->set_action(v1::SHELVE);
      out->set_instruction("書架に戻してください");
      break;
  }
  if (r.returned) {
    ToLoan(*r.returned, policy, today, out->mutable_returned_loan());
    out->set_returned_late(r.returned_late);
  }
}

void ToHoldShelfEntry(const store::HoldShelfRow& h, v1::HoldShelfEntry* out) {
  v1::Reservation* r = out->mutable_reservation();
  r->set_name(absl::StrCat("reservations/", h.reservation_id));
  r->set_reservation_id(absl::StrCat(h.reservation_id));
  r->set_record(absl::StrCat("records/", h.record_id));
  r->set_title(h.title);
  r->set_pickup_library(LibraryName(h.pickup_library));
  r->set_notify_method(static_cast<v1::NotifyMethod>(h.notify_method));
  r->set_state(static_cast<v1::ReservationState>(h.state));
  r->set_create_time(ToRfc3339(h.created_at));
  if (h.deadline) ToDate(*h.deadline, r->mutable_pickup_deadline());
  r->set_notice_failed(h.notice_failed);
  out->set_barcode(h.barcode);
  out->set_patron_number(h.patron_number);
  out->set_patron_name(h.patron_name);
  out->set_phone(h.phone);
  out->set_called(h.called_at.has_value());
  if (h.called_at) out->set_called_time(ToRfc3339(*h.called_at));
}

void ToPullListEntry(const store::PullRow& p, v1::PullListEntry* out) {
  out->set_barcode(p.barcode);
  out->set_record(absl::StrCat("records/", p.record_id));
  out->set_title(p.title);
  out->set_reservation(absl::StrCat("reservations/", p.first_reservation_id));
  out->set_pickup_library(LibraryName(p.pickup_library));
  out->set_waiting(p.waiting);
  out->set_on_hold_shelf(p.on_hold_shelf);
}

void ToTransitEntry(const store::TransitRow& t, v1::TransitEntry* out) {
  out->set_barcode(t.barcode);
  out->set_record(absl::StrCat("records/", t.record_id));
  out->set_title(t.title);
  out->set_from_library(LibraryName(t.from_library));
  out->set_to_library(LibraryName(t.to_library));
  if (t.reservation_id) out->set_reservation(absl::StrCat("reservations/", *t.reservation_id));
}

}  // namespace shiori::api
