// See checkin.h.
#include "server/app/checkin.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/app/desk_access.h"
#include "server/app/request_ids.h"
#include "server/common/error.h"
#include "server/common/utf8_chars.h"
#include "server/policy/barcode.h"
#include "server/policy/renewal_rules.h"
#include "server/store/catalog_store.h"
#include "server/store/loan_store.h"
#include "server/store/patron_store.h"
#include "server/store/reservation_store.h"

namespace shiori::app {
namespace {

enum class Scan { kCheckin, kReceive, kForce };

constexpr size_t kMaxForcedReasonChars = 500;  // loan.forced_reason

absl::Status Conflict() {
  return Error(absl::StatusCode::kAborted, "TRANSACTION_ABORTED", "もう一度お試しください");
}

// The answer for a copy already held for a reservation (a second scan, or an arrival).
absl::StatusOr<RoutingOutcome> HeldOutcome(store::Tx& tx, const store::CirculatingCopy& copy) {
  RoutingOutcome out;
  out.reservation_id = *copy.reservation_id;
  out.library = copy.current_library;
  auto row = store::FindHoldShelfRow(tx, *copy.reservation_id);
  if (!row.ok()) return row.status();
  if (row->has_value()) {
    out.deadline = (*row)->deadline;
    out.notify_method = (*row)->notify_method;
    out.patron_number = (*row)->patron_number;
    out.patron_name = (*row)->patron_name;
  }
  return out;
}

// Where the copy is and what it waits for, as a scan at `here` would have said when it put it there; writes
// nothing (a second scan of a held copy, a retried call).
absl::StatusOr<RoutingOutcome> WhereItIs(store::Tx& tx, const store::CirculatingCopy& copy, const std::string& here) {
  if (copy.reservation_id && (copy.status == store::kOnHoldShelf || copy.status == store::kInTransit)) {
    auto held = HeldOutcome(tx, copy);
    if (!held.ok()) return held.status();
    held->kind = copy.status == store::kOnHoldShelf && copy.current_library == here
                     ? policy::Route::Kind::kSecureHere
                     : policy::Route::Kind::kSendForReservation;
    return *held;
  }
  RoutingOutcome out;
  out.kind = copy.status == store::kInTransit ? policy::Route::Kind::kSendHome : policy::Route::Kind::kShelve;
  out.library = copy.current_library;
  return out;
}

absl::StatusOr<DeskScanResult> Scanned(const ServiceContext& ctx, const Caller& caller,
                                       const std::string& barcode_in, const std::string& library_in, Scan scan,
                                       const std::string& reason, const std::string& request_id) {
  auto library = DeskLibrary(caller, library_in);
  if (!library.ok()) return library.status();
  auto scanned = policy::NormalizeBarcode(barcode_in, "R9");
  if (!scanned.ok()) return scanned.status();
  const std::string& barcode = *scanned;
  if (absl::Status id = CheckRequestId(request_id); !id.ok()) return id;
  if (scan == Scan::kForce) {
    if (IsBlankText(reason)) {
      return Error(absl::StatusCode::kInvalidArgument, "REASON_REQUIRED", "理由を入力してください")
          .Rule("B5")
          .Field("reason", "say why the loan is ended")
          .English("reason: say why the loan is ended (B5)");
    }
    if (absl::Status s = CheckLength("reason", reason, kMaxForcedReasonChars); !s.ok()) return s;
  }
  const std::string here = *library;
  DeskScanResult result;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    result = DeskScanResult();
    const absl::Time now = ctx.clock->Now();
    // Lock order, as at a checkout: the borrower's row, the title, then the copy and its loan.
    auto borrower = store::LockBorrowerOfCopy(tx, barcode);
    if (!borrower.ok()) return borrower.status();
    absl::Status locked = store::LockRecordOfCopy(tx, barcode);
    if (!locked.ok()) return locked;
    auto read = store::ReadReturn(tx, barcode, request_id);
    if (!read.ok()) return read.status();
    if (!read->has_value()) return NotFoundError("copy", barcode);
    std::optional<store::LoanRow> loan = (*read)->loan;  // the loan this scan ends
    if ((*read)->borrower_id != *borrower) {
      return Conflict();  // lent or returned between the first lock and this read: decide again with fresh locks
    }
    store::CirculatingCopy c = (*read)->copy;
    if ((*read)->returned_by_request) {
      // The same request again (a retry): it answers with the loan it returned and where the copy is now,
      // and changes nothing. The id names one call: another copy, desk library or kind of scan is refused.
      auto ended = store::FindLoanReturn(tx, *(*read)->returned_by_request);
      if (!ended.ok()) return ended.status();
      if (!ended->has_value() || (*ended)->copy_id != c.id) return RequestIdReused("barcode");
      if ((*ended)->library != here) return RequestIdReused("library");
      if (scan == Scan::kReceive || (*ended)->forced != (scan == Scan::kForce)) return RequestIdReused("kind of scan");
      if (loan) {
        return Error(absl::StatusCode::kFailedPrecondition, "COPY_LENT_AGAIN",
                     "この資料は返却の後、すでに貸出されています")
            .Rule("B4")
            .English("the copy was returned by this request and has been lent again since");
      }
      auto first = store::FindLoan(tx, *(*read)->returned_by_request);
      if (!first.ok()) return first.status();
      if (!first->has_value()) return Conflict();
      result.returned = **first;
      result.returned_late = policy::Overdue((*first)->due_date, TokyoDay((*first)->returned_at.value_or(now)));
      auto place = WhereItIs(tx, c, here);
      if (!place.ok()) return place.status();
      result.routing = *place;
      result.copy = c;
      return AuditDesk(tx, caller, scan == Scan::kForce ? "force_return.retry" : "checkin.retry",
                       absl::StrCat("copies/", barcode), absl::StrCat("library=", here, " loan=", (*first)->id), now);
    }
    if ((*read)->scanned_by_request) {
      // The same scan again, one that ended no loan (a pull-list copy, a transit received): where the copy is
      // now, nothing changed. The id on another copy, desk or kind of scan is refused.
      const store::ScanRequest& first = *(*read)->scanned_by_request;
      if (first.copy_id != c.id) return RequestIdReused("barcode");
      if (first.library != here) return RequestIdReused("library");
      if (first.kind != static_cast<int>(scan)) return RequestIdReused("kind of scan");
      if (loan) {
        return Error(absl::StatusCode::kFailedPrecondition, "COPY_LENT_AGAIN", "この資料は読み取りの後、貸出されています")
            .Rule("B4")
            .English("the copy was scanned by this request and has been lent since");
      }
      auto place = WhereItIs(tx, c, here);
      if (!place.ok()) return place.status();
      result.routing = *place;
      result.copy = c;
      return AuditDesk(tx, caller, scan == Scan::kReceive ? "receive_transit.retry" : "checkin.retry",
                       absl::StrCat("copies/", barcode), absl::StrCat("library=", here), now);
    }
    if (scan == Scan::kReceive && loan) {
      return Error(absl::StatusCode::kFailedPrecondition, "COPY_ON_LOAN",
                   "この資料は貸出中です。返却処理をしてください")
          .Rule("R9")
          .English("the copy is on loan: check it in instead");
    }
    const bool held_here = c.status == store::kOnHoldShelf && c.reservation_id && c.current_library == here;
    if (scan == Scan::kReceive && c.status != store::kInTransit && !held_here) {
      // Not sent to anyone: receiving would route a copy nobody returned. (One received and secured here, scanned
      // again, is said again.)
      return Error(absl::StatusCode::kFailedPrecondition, "NOT_IN_TRANSIT",
                   "この資料は回送中ではありません（受け取り済みか、書架・予約確保棚の資料です）。返却処理で読み取ってください")
          .Rule("R9")
          .Meta("current_library", c.current_library)
          .English("the copy is not in transit: check it in instead");
    }
    if (scan == Scan::kForce && !loan && !result.returned) {
      return Error(absl::StatusCode::kFailedPrecondition, "NOT_ON_LOAN", "この資料は貸出中ではありません")
          .Rule("B5")
          .English("the copy has no open loan");
    }
    if (loan) {
      const store::LoanRow& l = *loan;
      absl::Status ended = store::EndLoan(tx, l.id, now, here, /*keep_patron=*/l.keep_history,
                                          scan == Scan::kForce ? reason : "", request_id);
      if (!ended.ok()) return ended;
      if (!l.keep_history && l.fulfilled_reservation_id) {
        // B6: the reservation it fulfilled would keep who read what; it goes with the loan's patron link.
        absl::Status forgot = store::ForgetFulfilledReservation(tx, *l.fulfilled_reservation_id, now);
        if (!forgot.ok()) return forgot;
      }
      result.returned = l;
      result.returned->returned_at = now;
      result.returned_late = policy::Overdue(l.due_date, TokyoDay(now));
      if (!l.keep_history) result.returned->patron_number.clear();
      c.status = store::kOnShelf;  // in staff's hands at this desk
      c.current_library = here;
    }
    if (c.reservation_id && c.status == store::kOnHoldShelf && c.current_library == here) {
      // Already on this hold shelf: a second scan; say the same again.
      auto held = WhereItIs(tx, c, here);
      if (!held.ok()) return held.status();
      result.routing = *held;
    } else if (c.reservation_id && c.status == store::kOnHoldShelf) {
      // Taken off another library's hold shelf and scanned here: it goes back there, in transit. The reservation
      // stays secured, with its deadline (its patron was told once, R10); the copy is shelved again on arrival.
      const std::string shelf = c.current_library;  // not a reference into the copy that SetCopyPlace moves
      absl::Status sent = store::SetCopyPlace(tx, c, store::kInTransit, shelf, here, c.reservation_id);
      if (!sent.ok()) return sent;
      auto held = HeldOutcome(tx, c);
      if (!held.ok()) return held.status();
      result.routing = *held;
      result.routing.kind = policy::Route::Kind::kSendForReservation;
    } else if (c.reservation_id && c.status == store::kInTransit) {
      if (c.current_library == here) {
        auto r = store::FindReservation(tx, *c.reservation_id, /*lock=*/true);  // arrived at the pickup library
        if (!r.ok()) return r.status();
        if (!r->has_value()) return Conflict();
        if ((*r)->state == v1::SECURED && (*r)->copy_id == c.id) {
          // Secured before and sent back to its hold shelf (above): shelved again, no second notice.
          absl::Status shelved = store::SetCopyPlace(tx, c, store::kOnHoldShelf, here, std::nullopt, c.reservation_id);
          if (!shelved.ok()) return shelved;
          auto held = WhereItIs(tx, c, here);
          if (!held.ok()) return held.status();
          result.routing = *held;
        } else {
          auto secured = SecureAt(ctx, tx, **r, c, here, now);
          if (!secured.ok()) return secured.status();
          result.routing = *secured;
        }
      } else {
        auto held = HeldOutcome(tx, c);  // still on its way: send it on
        if (!held.ok()) return held.status();
        result.routing = *held;
        result.routing.kind = policy::Route::Kind::kSendForReservation;
      }
    } else {
      if (c.reservation_id) c.reservation_id.reset();
      // The loan's read counted the title's waiting reservations under the title's lock (ReadReturn).
      auto routed = RouteFreeCopyAt(ctx, tx, c, here, now,
                                    loan ? std::optional<int>(loan->waiting_reservations) : std::nullopt);
      if (!routed.ok()) return routed.status();
      result.routing = *routed;
    }
    result.copy = c;  // where the routing put it (SetCopyPlace keeps it current)
    if (!result.returned && !request_id.empty()) {
      // No loan keeps this scan's id: it is kept on its own, so that a retry is known as one.
      absl::Status kept = store::InsertScanRequest(tx, request_id, {static_cast<int>(scan), c.id, here}, now);
      if (!kept.ok()) return kept.code() == absl::StatusCode::kAlreadyExists ? Conflict() : kept;
    }
    const char* action = scan == Scan::kCheckin ? "checkin" : scan == Scan::kReceive ? "receive_transit" : "force_return";
    std::string detail = absl::StrCat("library=", here);
    if (result.returned) absl::StrAppend(&detail, " loan=", result.returned->id);
    if (scan == Scan::kForce) absl::StrAppend(&detail, " reason=", reason);
    return AuditDesk(tx, caller, action, absl::StrCat("copies/", barcode), detail, now);
  });
  if (!s.ok()) return s;
  return result;
}

}  // namespace

absl::StatusOr<DeskScanResult> Checkin(const ServiceContext& ctx, const Caller& caller, const std::string& barcode,
                                       const std::string& library, const std::string& request_id) {
  return Scanned(ctx, caller, barcode, library, Scan::kCheckin, "", request_id);
}

absl::StatusOr<DeskScanResult> ReceiveTransit(const ServiceContext& ctx, const Caller& caller,
                                              const std::string& barcode, const std::string& library,
                                              const std::string& request_id) {
  return Scanned(ctx, caller, barcode, library, Scan::kReceive, "", request_id);
}

absl::StatusOr<DeskScanResult> ForceReturn(const ServiceContext& ctx, const Caller& caller,
                                           const std::string& barcode, const std::string& library,
                                           const std::string& reason, const std::string& request_id) {
  return Scanned(ctx, caller, barcode, library, Scan::kForce, reason, request_id);
}

}  // namespace shiori::app
