// See reservations.h.
#include "server/app/reservations.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "server/app/copy_routing.h"
#include "server/app/request_ids.h"
#include "server/common/error.h"
#include "server/policy/account_rules.h"
#include "server/policy/reservation_rules.h"
#include "server/store/loan_store.h"
#include "server/store/patron_store.h"

namespace shiori::app {
namespace {

absl::Status NotAPatron() {
  return Error(absl::StatusCode::kPermissionDenied, "PATRON_ONLY", "利用者としてログインしてください")
      .English("log in as a patron");
}

std::vector<int> CountedStates(const v1::Policy& policy) {
  std::vector<int> out;
  for (int s : policy.reservation().counted_states()) out.push_back(s);
  return out;
}

absl::Status CheckPickupLibrary(const std::string& id, const std::optional<bool>& pickup_location) {
  auto refuse = [&](const char* reason, const char* rule, std::string message_ja, std::string description) {
    return Error(absl::StatusCode::kInvalidArgument, reason, std::move(message_ja))
        .Rule(rule)
        .Field("pickup_library", description)
        .English(absl::StrCat("pickup_library: ", description));
  };
  if (id.empty()) {
    return refuse("INVALID_ARGUMENT", "R2", "受取館を選んでください", "choose the library where you collect it");
  }
  if (!pickup_location) {
    return refuse("UNKNOWN_LIBRARY", "R2", absl::StrCat("その図書館はありません: ", id),
                  absl::StrCat("no library '", id, "'"));
  }
  if (!*pickup_location) {
    return refuse("NOT_A_PICKUP_LIBRARY", "L1", absl::StrCat(id, " では予約資料を受け取れません"),
                  absl::StrCat(id, " is not a pickup library"));
  }
  return absl::OkStatus();
}

// R2: mail was asked for, and there is no confirmed address to send it to (the guide: メールでの連絡を希望される
// かたは、メールアドレスを必ず登録してください). Refused rather than accepted and failed later (R15).
absl::Status NoMailAddress() {
  return Error(absl::StatusCode::kFailedPrecondition, "NO_CONFIRMED_EMAIL",
               "メールでお知らせするには、確認済みのメールアドレスが必要です。メールアドレスを登録するか、電話連絡を選んでください")
      .Rule("R2")
      .Field("notify_method", "EMAIL needs a confirmed mail address")
      .English("notify_method: mail needs a confirmed address; register one, or choose TELEPHONE");
}

bool IsActive(int state) { return state == v1::WAITING || state == v1::IN_TRANSIT || state == v1::SECURED; }

policy::PlacementFacts FactsOf(v1::PatronCategory category, const store::PlacementRead& read) {
  policy::PlacementFacts facts;
  facts.category = category;
  for (int t : read.copy_types) facts.copy_types.push_back(static_cast<v1::MaterialType>(t));
  facts.patron_already_reserved = read.already_reserved;
  facts.patron_has_it_on_loan = read.on_loan;
  facts.counted_reservations = read.counted;
  return facts;
}

}  // namespace

absl::Status PlacementOutlook(const ServiceContext& ctx, store::Tx& tx, const Caller& caller, int64_t record_id) {
  auto read = store::ReadPlacement(tx, caller.patron_id, record_id, "", "", CountedStates(ctx.policy));
  if (!read.ok()) return read.status();
  return policy::DecidePlacement(ctx.policy, FactsOf(caller.category, *read));
}

absl::StatusOr<store::ReservationRow> PlaceReservation(const ServiceContext& ctx, const Caller& caller,
                                                       const PlaceReservationInput& in) {
  if (!caller.is_patron()) return NotAPatron();
  if (in.notify_method != v1::EMAIL && in.notify_method != v1::TELEPHONE &&
      in.notify_method != v1::NOTIFY_METHOD_UNSPECIFIED) {
    return InvalidField("notify_method", "EMAIL or TELEPHONE, or none for the patron's own choice").Rule("R2");
  }
  if (absl::Status id = CheckRequestId(in.request_id); !id.ok()) return id;
  store::ReservationRow result;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    // The patron row first: it serialises this patron's reservation changes (R3) on every server.
    auto category = store::ReadPatronCategory(tx, caller.patron_id, /*lock=*/!in.validate_only);
    if (!category.ok()) return category.status();
    if (!category->has_value()) return NotAPatron();
    auto read = store::ReadPlacement(tx, caller.patron_id, in.record_id, in.pickup_library, in.request_id,
                                     CountedStates(ctx.policy));
    if (!read.ok()) return read.status();
    if (read->request_match) {
      // The same request again (a retry): the reservation it made, as it is now.
      auto existing = store::FindReservation(tx, *read->request_match);
      if (!existing.ok()) return existing.status();
      if (!existing->has_value()) return NotFoundError("reservation", absl::StrCat("reservations/", *read->request_match));
      if ((*existing)->patron_id != caller.patron_id) return RequestIdReused("patron");
      if ((*existing)->record_id != in.record_id) return RequestIdReused("record");
      if ((*existing)->pickup_library != in.pickup_library) return RequestIdReused("pickup_library");
      if (in.notify_method != v1::NOTIFY_METHOD_UNSPECIFIED && (*existing)->notify_method != in.notify_method) {
        return RequestIdReused("notify_method");
      }
      result = **existing;
      result.title = read->title;
      auto pos = store::QueuePosition(tx, result);
      if (!pos.ok()) return pos.status();
      result.queue_position = *pos;
      return absl::OkStatus();
    }
    if (read->request_erased) {
      // The same request again, after the reservation it placed was lent, returned and erased (B6): done, not
      // placed again. Nothing is left to compare it with, nor to answer with.
      return Error(absl::StatusCode::kFailedPrecondition, "RESERVATION_FULFILLED",
                   "この依頼による予約は、すでに貸出されて終わっています")
          .Rule("B6")
          .Field("request_id", "the reservation this request placed has been lent and returned since")
          .English("the reservation placed by this request has been fulfilled");
    }
    absl::Status pickup = CheckPickupLibrary(in.pickup_library, read->pickup_location);
    if (!pickup.ok()) return pickup;
    if (!read->record_exists) return NotFoundError("record", absl::StrCat("records/", in.record_id));

    absl::Status decision =
        policy::DecidePlacement(ctx.policy, FactsOf(static_cast<v1::PatronCategory>(**category), *read));
    if (!decision.ok()) return decision;

    store::ReservationRow r;
    r.patron_id = caller.patron_id;
    r.record_id = in.record_id;
    r.pickup_library = in.pickup_library;
    r.notify_method = in.notify_method;
    if (r.notify_method == v1::NOTIFY_METHOD_UNSPECIFIED) {
      // R2, P7: none given, the patron's own choice — mail when a confirmed address gets their notices, else
      // the telephone (the call list), never a mail with nowhere to go.
      r.notify_method = read->mail_by_default ? v1::EMAIL : v1::TELEPHONE;
    } else if (r.notify_method == v1::EMAIL && !read->mail_address) {
      return NoMailAddress();
    }
    r.channel = caller.channel;
    r.state = v1::WAITING;
    r.created_at = ctx.clock->Now();
    r.request_id = in.request_id;
    r.title = read->title;
    if (in.validate_only) {
      r.queue_number = 0;
      auto waiting = store::WaitingReservations(tx, in.record_id);
      if (!waiting.ok()) return waiting.status();
      r.queue_position = 1 + *waiting;
      result = r;
      return absl::OkStatus();
    }
    absl::Status counter = store::AddActiveReservations(tx, caller.patron_id, +1);
    if (!counter.ok()) return counter;
    auto ticket = store::NextQueueNumber(tx, in.record_id);
    if (!ticket.ok()) return ticket.status();
    r.queue_number = ticket->number;
    auto id = store::InsertReservation(tx, r);
    if (!id.ok()) {
      // Cannot happen while the patron row is locked; if it does, run the whole unit again.
      if (id.status().code() == absl::StatusCode::kAlreadyExists) {
        return Error(absl::StatusCode::kAborted, "TRANSACTION_ABORTED", "もう一度お試しください");
      }
      return id.status();
    }
    r.id = *id;
    r.queue_position = 1 + ticket->ahead;
    result = r;
    // R9: a copy on a shelf of any library now shows on that library's pull list (a query, nothing to write).
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return result;
}

absl::StatusOr<Caller> AtTheCounter(const ServiceContext& ctx, const Caller& staff, const std::string& patron_number) {
  if (!staff.is_staff()) {
    return Error(absl::StatusCode::kPermissionDenied, "PERMISSION_DENIED", "この操作は許可されていません")
        .Rule("P10")
        .English("only staff reserve for another patron");
  }
  auto number = policy::NormalizePatronNumber(patron_number);
  if (!number.ok()) return number.status();
  std::optional<store::PatronRow> patron;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto found = store::FindPatronByNumber(tx, *number);
    if (!found.ok()) return found.status();
    patron = std::move(*found);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!patron) return NotFoundError("patron", absl::StrCat("patrons/", *number));
  Caller out;
  out.kind = Caller::Kind::kPatron;
  out.patron_id = patron->id;
  out.patron_number = patron->patron_number;
  out.category = static_cast<v1::PatronCategory>(patron->category);
  out.channel = v1::COUNTER;
  out.peer = staff.peer;  // the staff member is in the guard's audit entry of the call
  return out;
}

absl::StatusOr<std::vector<store::ReservationRow>> ListReservations(const ServiceContext& ctx, const Caller& caller) {
  if (!caller.is_patron()) return NotAPatron();
  std::vector<store::ReservationRow> out;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto rows = store::ListPatronReservations(tx, caller.patron_id, {v1::WAITING, v1::IN_TRANSIT, v1::SECURED});
    if (!rows.ok()) return rows.status();
    out = std::move(*rows);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<store::ReservationRow> CancelReservation(const ServiceContext& ctx, const Caller& caller,
                                                        int64_t reservation_id) {
  if (!caller.is_patron()) return NotAPatron();
  store::ReservationRow result;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto patron = store::ReadPatronCategory(tx, caller.patron_id, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    auto r = store::FindReservation(tx, reservation_id, /*lock=*/true);
    if (!r.ok()) return r.status();
    if (!r->has_value() || (*r)->patron_id != caller.patron_id) {
      return NotFoundError("reservation", absl::StrCat("reservations/", reservation_id));
    }
    result = **r;
    if (result.state == v1::CANCELLED) return absl::OkStatus();  // cancelled before (a retry): nothing to do
    if (!IsActive(result.state)) {
      // Collected (a loan now) or expired: there is nothing left to cancel, and saying "cancelled" would be
      // wrong (R14).
      const bool collected = result.state == v1::FULFILLED;
      return Error(absl::StatusCode::kFailedPrecondition, "RESERVATION_ENDED",
                   collected ? "この予約はすでに貸出になっています" : "この予約は取置期限を過ぎて取り消されています")
          .Rule(collected ? "R14" : "R12")
          .Meta("state", collected ? "FULFILLED" : "EXPIRED")
          .English(collected ? "the reservation was collected: it is a loan now"
                             : "the reservation expired: it was not collected by its pickup deadline");
    }
    const absl::Time now = ctx.clock->Now();
    absl::Status ended = store::SetReservationEnded(tx, result.id, v1::CANCELLED, now);
    if (!ended.ok()) return ended;
    absl::Status counter = store::AddActiveReservations(tx, caller.patron_id, -1);
    if (!counter.ok()) return counter;
    if (result.copy_id) {
      // R14: a copy in transit or on the hold shelf goes on to the next reservation (R12), told only on arrival.
      absl::Status passed = PassCopyOn(ctx, tx, *result.copy_id, now);
      if (!passed.ok()) return passed;
    }
    result.state = v1::CANCELLED;
    result.queue_position = 0;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return result;
}

}  // namespace shiori::app
