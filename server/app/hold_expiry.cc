// See hold_expiry.h.
#include "server/app/hold_expiry.h"

#include "absl/strings/str_cat.h"
#include "server/app/copy_routing.h"
#include "server/policy/copy_routing_rules.h"
#include "server/store/circulation_store.h"
#include "server/store/patron_store.h"
#include "server/store/reservation_store.h"

namespace shiori::app {

absl::StatusOr<std::vector<int64_t>> DueForExpiry(const ServiceContext& ctx, absl::CivilDay today) {
  std::vector<int64_t> out;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto ids = store::ExpiredHolds(tx, today);
    if (!ids.ok()) return ids.status();
    out = std::move(*ids);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<bool> ExpireHold(const ServiceContext& ctx, int64_t reservation_id, absl::CivilDay today) {
  bool expired = false;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    expired = false;
    auto seen = store::FindReservation(tx, reservation_id);
    if (!seen.ok()) return seen.status();
    if (!seen->has_value()) return absl::OkStatus();
    // Lock order: patron, then (in PassCopyOn) title and copy; the reservation is re-read under the patron lock.
    auto patron = store::FindPatronById(tx, (*seen)->patron_id, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    auto r = store::FindReservation(tx, reservation_id, /*lock=*/true);
    if (!r.ok()) return r.status();
    const store::ReservationRow& row = **r;
    if (row.state != v1::SECURED || !row.pickup_deadline || !policy::HoldExpired(*row.pickup_deadline, today)) {
      return absl::OkStatus();
    }
    const absl::Time now = ctx.clock->Now();
    auto ended = store::MarkEnded(tx, reservation_id, v1::EXPIRED, now);
    if (!ended.ok()) return ended.status();
    if (*ended != 1) return absl::OkStatus();
    absl::Status counter = store::AddActiveReservations(tx, row.patron_id, -1);
    if (!counter.ok()) return counter;
    if (row.copy_id) {
      absl::Status passed = PassCopyOn(ctx, tx, *row.copy_id, now);
      if (!passed.ok()) return passed;
    }
    store::AuditEntry e{"system:expire-holds", "expire_hold", absl::StrCat("reservations/", reservation_id),
                        absl::StrCat("deadline=", absl::FormatCivilTime(*row.pickup_deadline),
                                     " today=", absl::FormatCivilTime(today)),
                        ""};
    absl::Status logged = store::InsertAudit(tx, e, now);
    if (!logged.ok()) return logged;
    expired = true;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return expired;
}

absl::StatusOr<HoldExpiryReport> ExpireDueHolds(const ServiceContext& ctx) {
  const absl::CivilDay today = ctx.clock->Today();
  auto due = DueForExpiry(ctx, today);
  if (!due.ok()) return due.status();
  HoldExpiryReport report;
  for (int64_t id : *due) {
    auto expired = ExpireHold(ctx, id, today);
    if (!expired.ok()) {
      ++report.failed;
      continue;
    }
    if (*expired) report.expired.push_back(id);
  }
  return report;
}

}  // namespace shiori::app
