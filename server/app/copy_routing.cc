// See copy_routing.h.
#include "server/app/copy_routing.h"

#include "absl/strings/str_cat.h"
#include "server/app/mail_dates.h"
#include "server/common/error.h"
#include "server/policy/checkout_rules.h"
#include "server/store/catalog_store.h"
#include "server/store/outbox_store.h"
#include "server/store/patron_email_store.h"
#include "server/store/reservation_store.h"

namespace shiori::app {
namespace {

absl::Status Conflict() {
  // Another transaction changed the reservation between our read and write: run the unit again.
  return Error(absl::StatusCode::kAborted, "TRANSACTION_ABORTED", "もう一度お試しください");
}

bool CopyLendable(const ServiceContext& ctx, const store::CirculatingCopy& copy) {
  return policy::Lendable(ctx.policy, static_cast<v1::MaterialType>(copy.material_type), copy.latest_issue);
}

}  // namespace

absl::StatusOr<RoutingOutcome> SecureAt(const ServiceContext& ctx, store::Tx& tx, const store::ReservationRow& r,
                                        store::CirculatingCopy& copy, const std::string& library, absl::Time now) {
  const int64_t reservation_id = r.id;
  // Where the ready mail goes (P7): the confirmed address the patron chose. With none, the row is still written
  // (one notice per securing, R10) with an empty recipient, which the sender marks failed, so the reservation
  // shows the failed notice (R15). The same read gives the library's calendar stamp for the deadline.
  auto facts = store::ReadHoldReady(tx, r.patron_id, library);
  if (!facts.ok()) return facts.status();
  if (!facts->has_value()) return Conflict();
  const store::HoldReadyFacts& f = **facts;
  auto deadline = DeadlineAt(*ctx.calendars, tx, library, TokyoDay(now), ctx.policy.hold_shelf().period_days(),
                             ctx.policy.calendar().max_search_days(), &f.calendar);
  if (!deadline.ok()) return deadline.status();
  auto secured = store::SecureOnHoldShelf(tx, reservation_id, copy, library, now, *deadline);
  if (!secured.ok()) return secured.status();
  if (!*secured) return Conflict();

  RoutingOutcome out;
  out.kind = policy::Route::Kind::kSecureHere;
  out.library = library;
  out.reservation_id = reservation_id;
  out.deadline = *deadline;
  out.notify_method = r.notify_method;
  out.patron_number = f.patron_number;
  out.patron_name = f.patron_name;
  // R10: exactly one ready notice per securing. A telephone patron is on the call list instead (a query).
  if (r.notify_method != v1::TELEPHONE) {
    store::OutboxMail m;
    m.dedupe_key = absl::StrCat("ready:", reservation_id, ":", absl::ToUnixMicros(now));
    m.kind = store::kMailKindHoldReady;
    m.recipient = f.address.value_or("");
    m.template_name = store::kMailKindHoldReady;
    m.params = {{"title", copy.title},
                {"pickup_library", f.library_name},
                {"deadline", JapaneseDate(*deadline)},
                {"recipient_name", f.patron_name}};
    m.reservation_id = reservation_id;
    m.now = now;
    auto written = store::EnqueueMail(tx, m);
    if (!written.ok()) return written.status();
  }
  return out;
}

absl::StatusOr<RoutingOutcome> RouteFreeCopyAt(const ServiceContext& ctx, store::Tx& tx, store::CirculatingCopy& copy,
                                               const std::string& here, absl::Time now, std::optional<int> waiting) {
  policy::FreeCopy facts;
  facts.here = here;
  facts.home_library = copy.home_library;
  facts.lendable = CopyLendable(ctx, copy);
  std::optional<store::ReservationRow> head;  // locked: it may be served now
  if (facts.lendable && waiting.value_or(1) > 0) {
    auto first = store::FirstWaiting(tx, copy.record_id);
    if (!first.ok()) return first.status();
    head = std::move(*first);
    if (head) facts.queue.push_back({head->id, head->pickup_library});
  }
  const policy::Route route = policy::RouteFreeCopy(facts);
  RoutingOutcome out;
  out.kind = route.kind;
  out.library = route.library;
  out.reservation_id = route.reservation_id;
  switch (route.kind) {
    case policy::Route::Kind::kSecureHere:
      return SecureAt(ctx, tx, *head, copy, here, now);  // the head is the only one in facts.queue
    case policy::Route::Kind::kSendForReservation: {
      auto sent = store::SendForReservation(tx, route.reservation_id, copy, route.library, here);
      if (!sent.ok()) return sent.status();
      if (!*sent) return Conflict();
      return out;
    }
    case policy::Route::Kind::kSendHome: {
      absl::Status s = store::SetCopyPlace(tx, copy, store::kInTransit, route.library, here, std::nullopt);
      if (!s.ok()) return s;
      return out;
    }
    case policy::Route::Kind::kShelve: {
      absl::Status s = store::SetCopyPlace(tx, copy, store::kOnShelf, here, std::nullopt, std::nullopt);
      if (!s.ok()) return s;
      return out;
    }
  }
  return out;
}

absl::Status PassCopyOn(const ServiceContext& ctx, store::Tx& tx, int64_t copy_id, absl::Time now) {
  auto found = store::FindCopyById(tx, copy_id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return absl::OkStatus();
  absl::Status locked = store::LockRecord(tx, (*found)->record_id);
  if (!locked.ok()) return locked;
  auto copy = store::FindCopyById(tx, copy_id, /*lock=*/true);
  if (!copy.ok()) return copy.status();
  store::CirculatingCopy c = **copy;
  c.reservation_id.reset();
  if (c.status == store::kOnHoldShelf) {
    const std::string shelf = c.current_library;  // not a reference into the copy that routing moves
    auto routed = RouteFreeCopyAt(ctx, tx, c, shelf, now);
    if (!routed.ok()) return routed.status();
    // Free and shelved here, but in fact still on the hold shelf: the desk's list names it until it is put back.
    if (routed->kind == policy::Route::Kind::kShelve) return store::MarkLeftOnHoldShelf(tx, c.id, now);
    return absl::OkStatus();
  }
  if (c.status == store::kInTransit) {
    // It is on the road to current_library: it serves the head of the queue if that one picks up there.
    if (CopyLendable(ctx, c)) {
      auto head = store::FirstWaiting(tx, c.record_id);
      if (!head.ok()) return head.status();
      if (head->has_value() && (*head)->pickup_library == c.current_library) {
        auto sent = store::SendForReservation(tx, (*head)->id, c, c.current_library, c.transit_from);
        if (!sent.ok()) return sent.status();
        return *sent ? absl::OkStatus() : Conflict();
      }
    }
    return store::SetCopyPlace(tx, c, store::kInTransit, c.current_library, c.transit_from, std::nullopt);
  }
  // On loan or on the shelf: only the link goes.
  return store::SetCopyPlace(tx, c, c.status, c.current_library, c.transit_from, std::nullopt);
}

}  // namespace shiori::app
