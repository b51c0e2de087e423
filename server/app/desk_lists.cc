// See desk_lists.h.
#include "server/app/desk_lists.h"

#include "absl/strings/str_cat.h"
#include "server/app/desk_access.h"
#include "server/common/error.h"

namespace shiori::app {

absl::StatusOr<std::vector<store::HoldShelfRow>> ListHoldShelf(const ServiceContext& ctx, const Caller& caller,
                                                              const std::string& library, bool telephone_only) {
  auto lib = DeskLibrary(caller, library);
  if (!lib.ok()) return lib.status();
  std::vector<store::HoldShelfRow> out;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto rows = store::ListHoldShelf(tx, *lib, telephone_only);
    if (!rows.ok()) return rows.status();
    out = std::move(*rows);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<store::LeftOnHoldShelfRow>> ListLeftOnHoldShelf(const ServiceContext& ctx,
                                                                          const Caller& caller,
                                                                          const std::string& library) {
  auto lib = DeskLibrary(caller, library);
  if (!lib.ok()) return lib.status();
  std::vector<store::LeftOnHoldShelfRow> out;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto rows = store::ListLeftOnHoldShelf(tx, *lib);
    if (!rows.ok()) return rows.status();
    out = std::move(*rows);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<store::HoldShelfRow> MarkCalled(const ServiceContext& ctx, const Caller& caller,
                                               int64_t reservation_id) {
  if (!caller.is_staff()) return DeskLibrary(caller, "").status();  // STAFF_ONLY
  store::HoldShelfRow result;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto row = store::FindHoldShelfRow(tx, reservation_id);
    if (!row.ok()) return row.status();
    const std::string name = absl::StrCat("reservations/", reservation_id);
    if (!row->has_value()) return NotFoundError("reservation", name);
    auto lib = DeskLibrary(caller, (*row)->pickup_library);
    if (!lib.ok()) return NotFoundError("reservation", name);  // another library's: not shown to this desk
    if ((*row)->state != v1::SECURED) {
      return Error(absl::StatusCode::kFailedPrecondition, "NOT_ON_HOLD_SHELF",
                   "この予約はまだ確保されていません。電話連絡は取置棚に置かれてからです")
          .Rule("R10")
          .English("the reservation is not on the hold shelf: a patron is called once it is secured");
    }
    if ((*row)->notify_method != v1::TELEPHONE) {
      // Told by mail; a mail that failed is shown, not phoned about (R15).
      return Error(absl::StatusCode::kFailedPrecondition, "NOT_ON_CALL_LIST",
                   "この予約の連絡はメールです。電話連絡リストにはありません")
          .Rule("R10")
          .English("the patron is told by mail: the reservation is not on the call list");
    }
    const absl::Time now = ctx.clock->Now();
    auto n = store::MarkCalled(tx, reservation_id, now, absl::StrCat("staff:", caller.staff_login));
    if (!n.ok()) return n.status();
    auto after = store::FindHoldShelfRow(tx, reservation_id);
    if (!after.ok()) return after.status();
    result = **after;
    return AuditDesk(tx, caller, "mark_called", name, absl::StrCat("library=", *lib), now);
  });
  if (!s.ok()) return s;
  return result;
}

absl::StatusOr<std::vector<store::PullRow>> ListPullList(const ServiceContext& ctx, const Caller& caller,
                                                         const std::string& library) {
  auto lib = DeskLibrary(caller, library);
  if (!lib.ok()) return lib.status();
  std::vector<store::PullRow> out;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto rows = store::ListPullList(tx, *lib);
    if (!rows.ok()) return rows.status();
    out = std::move(*rows);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<Transits> ListTransits(const ServiceContext& ctx, const Caller& caller, const std::string& library) {
  auto lib = DeskLibrary(caller, library);
  if (!lib.ok()) return lib.status();
  Transits out;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto outgoing = store::ListTransits(tx, *lib, /*outgoing=*/true);
    if (!outgoing.ok()) return outgoing.status();
    auto expected = store::ListTransits(tx, *lib, /*outgoing=*/false);
    if (!expected.ok()) return expected.status();
    out.outgoing = std::move(*outgoing);
    out.expected = std::move(*expected);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace shiori::app
