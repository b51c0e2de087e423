// See loans.h.
#include "server/app/loans.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/app/copy_routing.h"
#include "server/app/desk_access.h"
#include "server/app/request_ids.h"
#include "server/app/page_tokens.h"
#include "server/common/error.h"
#include "server/policy/account_rules.h"
#include "server/policy/barcode.h"
#include "server/policy/checkout_rules.h"
#include "server/policy/renewal_rules.h"
#include "server/store/catalog_store.h"
#include "server/store/circulation_store.h"
#include "server/store/patron_store.h"
#include "server/store/reservation_store.h"

namespace shiori::app {
namespace {

absl::Status NotAPatron() {
  return Error(absl::StatusCode::kPermissionDenied, "PATRON_ONLY", "利用者としてログインしてください")
      .English("log in as a patron");
}

absl::Status Conflict() {
  return Error(absl::StatusCode::kAborted, "TRANSACTION_ABORTED", "もう一度お試しください");
}

}  // namespace

absl::StatusOr<CheckoutResult> Checkout(const ServiceContext& ctx, const Caller& caller, const CheckoutInput& in) {
  auto library = DeskLibrary(caller, in.library);
  if (!library.ok()) return library.status();
  auto number = policy::NormalizePatronNumber(in.patron_number);
  if (!number.ok()) return number.status();
  auto scanned = policy::NormalizeBarcode(in.barcode, "B4");
  if (!scanned.ok()) return scanned.status();
  const std::string& barcode = *scanned;
  if (absl::Status id = CheckRequestId(in.request_id); !id.ok()) return id;
  const bool write = !in.validate_only;
  CheckoutResult result;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    result = CheckoutResult();
    const absl::Time now = ctx.clock->Now();
    const absl::CivilDay today = TokyoDay(now);
    auto borrower = store::ReadBorrower(tx, *number, in.request_id, /*lock=*/write);
    if (!borrower.ok()) return borrower.status();
    if (borrower->request_match) {
      auto done = store::FindLoan(tx, *borrower->request_match);
      if (!done.ok()) return done.status();
      if (done->has_value()) {
        const store::LoanRow& l = **done;
        // The same checkout again: the same copy at the same library, to the same patron while the loan keeps
        // them (B6 may have unlinked a returned loan).
        if (l.barcode != barcode) return RequestIdReused("copy");
        if (l.library != *library) return RequestIdReused("library");
        if (!l.patron_number.empty() && l.patron_number != *number) return RequestIdReused("patron");
        if (l.returned_at) {
          // Not "already on loan": the loan this request made has ended since. Said without the loan, whose
          // patron B6 may have unlinked (so another patron's number cannot be told from the first one's).
          return Error(absl::StatusCode::kFailedPrecondition, "LOAN_RETURNED",
                       "この依頼による貸出は、すでに返却されています")
              .Rule("B4")
              .Field("request_id", "the checkout this request made has been returned since")
              .English("the loan made by this request has been returned");
        }
        result.loan = l;
        result.already_on_loan = true;
        return AuditDesk(tx, caller, "checkout.retry", absl::StrCat("copies/", barcode),
                         absl::StrCat("loan=", result.loan.id), now);
      }
    }
    if (!borrower->patron) return NotFoundError("patron", absl::StrCat("patrons/", *number));
    const store::PatronRow& p = *borrower->patron;
    // Lock order: the patron (above), the title, then the copy, its loan and the patron's reservation.
    if (write) {
      absl::Status locked = store::LockRecordOfCopy(tx, barcode);
      if (!locked.ok()) return locked;
    }
    auto read = store::ReadCheckout(tx, barcode, p.id, /*lock=*/write);
    if (!read.ok()) return read.status();
    if (!read->has_value()) return NotFoundError("copy", barcode);
    store::CirculatingCopy& c = (*read)->copy;
    const std::optional<store::OpenLoan>& open = (*read)->open_loan;
    if (open && open->patron_id == p.id) {
      auto lent = store::FindLoan(tx, open->id);
      if (!lent.ok()) return lent.status();
      if (!lent->has_value()) return Conflict();
      result.loan = **lent;  // B4: a double scan lends nothing twice
      result.already_on_loan = true;
      return AuditDesk(tx, caller, "checkout.already_on_loan", absl::StrCat("copies/", c.barcode),
                       absl::StrCat("loan=", result.loan.id), now);
    }
    // The patron's own active reservation of this title, if any: the loan fulfils it.
    const std::optional<store::ActiveReservation>& mine = (*read)->reservation;
    policy::CheckoutFacts facts;
    facts.patron_blocked = p.blocked;
    facts.material_type = static_cast<v1::MaterialType>(c.material_type);
    facts.latest_issue = c.latest_issue;
    facts.on_loan = open.has_value();
    facts.secured_for_another = c.reservation_id.has_value() && !(mine && mine->id == *c.reservation_id);
    for (int t : (*read)->open_loan_types) facts.open_loan_types.push_back(static_cast<v1::MaterialType>(t));
    const int others_waiting = (*read)->waiting - (mine && mine->state == v1::WAITING ? 1 : 0);
    if (!c.reservation_id && others_waiting > 0) {
      // A free copy of a title others wait for (R8, R9): only when the queue ahead keeps enough copies.
      auto claims = store::ReadQueueClaims(tx, c.record_id, c.id,
                                           mine && mine->state == v1::WAITING ? std::optional<int64_t>(mine->id)
                                                                              : std::nullopt);
      if (!claims.ok()) return claims.status();
      facts.reservations_ahead = claims->ahead;
      for (int t : claims->free_copy_types) {
        if (policy::Lendable(ctx.policy, static_cast<v1::MaterialType>(t), c.latest_issue)) ++facts.other_free_copies;
      }
      if (mine && mine->copy_id && *mine->copy_id != c.id) ++facts.other_free_copies;  // passed on by this loan
    }
    absl::Status decision = policy::DecideCheckout(ctx.policy, facts);
    if (!decision.ok()) return decision;
    auto due = DeadlineAt(*ctx.calendars, tx, *library, today,
                          policy::LoanPeriodDays(ctx.policy, facts.material_type),
                          ctx.policy.calendar().max_search_days());
    if (!due.ok()) return due.status();

    store::LoanRow& l = result.loan;
    l.copy_id = c.id;
    l.patron_id = p.id;
    l.record_id = c.record_id;
    l.library = *library;
    l.loaned_at = now;
    l.due_date = *due;
    l.keep_history = p.reading_history;  // B6: only loans made while the history is on are kept
    l.request_id = in.request_id;
    l.title = c.title;
    l.barcode = c.barcode;
    l.patron_number = p.patron_number;
    l.material_type = c.material_type;
    if (mine) {
      result.fulfilled_reservation = mine->id;
      l.fulfilled_reservation_id = mine->id;
    }
    if (!write) {
      return AuditDesk(tx, caller, "checkout.validate_only", absl::StrCat("copies/", c.barcode),
                       absl::StrCat("library=", *library), now);
    }

    std::optional<int64_t> other_copy;
    int waiting = (*read)->waiting;
    if (mine) {
      auto ended = store::MarkEnded(tx, mine->id, v1::FULFILLED, now);
      if (!ended.ok()) return ended.status();
      if (*ended != 1) return Conflict();
      absl::Status counter = store::AddActiveReservations(tx, p.id, -1);
      if (!counter.ok()) return counter;
      if (mine->state == v1::WAITING) --waiting;  // it no longer waits
      if (mine->copy_id && *mine->copy_id != c.id) other_copy = mine->copy_id;
    }
    auto id = store::InsertLoan(tx, l);
    if (!id.ok()) {
      if (id.status().code() == absl::StatusCode::kAlreadyExists) return Conflict();
      return id.status();
    }
    l.id = *id;
    absl::Status placed = store::SetCopyPlace(tx, c, store::kOnLoan, *library, std::nullopt, std::nullopt);
    if (!placed.ok()) return placed;
    if (other_copy) {
      // The copy that waited for this patron elsewhere goes to the next reservation (R12).
      absl::Status passed = PassCopyOn(ctx, tx, *other_copy, now);
      if (!passed.ok()) return passed;
      auto left = store::WaitingReservations(tx, c.record_id);  // passing it on may have served one
      if (!left.ok()) return left.status();
      waiting = *left;
    }
    l.waiting_reservations = waiting;
    return AuditDesk(tx, caller, "checkout", absl::StrCat("copies/", c.barcode),
                     absl::StrCat("library=", *library, " loan=", l.id), now);
  });
  if (!s.ok()) return s;
  return result;
}

absl::StatusOr<RenewalOutlook> RenewalOutlookOf(const ServiceContext& ctx, store::Tx& tx, const store::LoanRow& loan,
                                                v1::PatronCategory category, absl::CivilDay today) {
  policy::RenewalFacts facts;
  facts.category = category;
  facts.due_date = loan.due_date;
  facts.renewals = loan.renewals;
  facts.waiting_reservations = loan.waiting_reservations;
  facts.today = today;
  RenewalOutlook outlook;
  outlook.refusal = policy::DecideRenewal(ctx.policy, facts);
  if (!outlook.refusal.ok()) return outlook;
  auto due = DeadlineAt(*ctx.calendars, tx, loan.library, today, ctx.policy.renewal().period_days(),
                        ctx.policy.calendar().max_search_days());
  if (!due.ok()) return due.status();
  outlook.due_date = *due;
  outlook.refusal = policy::DecideRenewedDueDate(loan.due_date, *due);
  return outlook;
}

absl::StatusOr<std::vector<OpenLoan>> ListLoans(const ServiceContext& ctx, const Caller& caller) {
  if (!caller.is_patron()) return NotAPatron();
  const absl::CivilDay today = TokyoDay(ctx.clock->Now());
  std::vector<OpenLoan> out;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto rows = store::ListOpenLoans(tx, caller.patron_id);
    if (!rows.ok()) return rows.status();
    for (store::LoanRow& row : *rows) {
      auto outlook = RenewalOutlookOf(ctx, tx, row, caller.category, today);
      if (!outlook.ok()) return outlook.status();
      out.push_back(OpenLoan{std::move(row), outlook->refusal});
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<store::LoanRow> RenewLoan(const ServiceContext& ctx, const Caller& caller, int64_t loan_id,
                                         const std::string& request_id, bool validate_only) {
  if (!caller.is_patron()) return NotAPatron();
  if (absl::Status id = CheckRequestId(request_id); !id.ok()) return id;
  store::LoanRow result;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    const absl::Time now = ctx.clock->Now();
    const absl::CivilDay today = TokyoDay(now);
    auto patron = store::FindPatronById(tx, caller.patron_id, /*lock=*/!validate_only);
    if (!patron.ok()) return patron.status();
    if (!patron->has_value()) return NotAPatron();
    auto loan = store::FindLoan(tx, loan_id, /*lock=*/!validate_only);
    if (!loan.ok()) return loan.status();
    if (!loan->has_value() || (*loan)->patron_id != caller.patron_id) {
      return NotFoundError("loan", absl::StrCat("loans/", loan_id));
    }
    result = **loan;
    if (!request_id.empty()) {
      if (result.renew_request_id == request_id) return absl::OkStatus();  // a retry: renewed by this request
      auto renewed = store::FindLoanRenewedBy(tx, caller.patron_id, request_id);
      if (!renewed.ok()) return renewed.status();
      if (renewed->has_value()) return RequestIdReused("loan");  // the id renewed another loan
    }
    if (result.returned_at) {
      return Error(absl::StatusCode::kFailedPrecondition, "LOAN_RETURNED", "この資料は返却済みです")
          .Rule("B2")
          .English("the loan has been returned");
    }
    auto outlook = RenewalOutlookOf(ctx, tx, result, static_cast<v1::PatronCategory>((*patron)->category), today);
    if (!outlook.ok()) return outlook.status();
    if (!outlook->refusal.ok()) return outlook->refusal;
    result.due_date = outlook->due_date;
    result.renewals += 1;
    if (validate_only) return absl::OkStatus();
    return store::SetLoanRenewed(tx, result.id, result.due_date, result.renewals, request_id);
  });
  if (!s.ok()) return s;
  return result;
}

absl::StatusOr<ReadingHistoryPage> ListReadingHistory(const ServiceContext& ctx, const Caller& caller, int page_size,
                                                      const std::string& page_token) {
  if (!caller.is_patron()) return NotAPatron();
  if (page_size < 0 || page_size > 100) return InvalidField("page_size", "1 to 100, or 0 for 50");
  const int limit = page_size == 0 ? 50 : page_size;
  // The position is "<return time in µs>.<loan id>" of the last loan of the page before; the token is the
  // patron's own.
  const std::string list = absl::StrCat("history:", caller.patron_id);
  std::optional<store::ReturnedLoanCursor> after;
  if (!page_token.empty()) {
    auto position = PagePosition(page_token, list);
    if (!position.ok()) return position.status();
    std::pair<std::string, std::string> parts = absl::StrSplit(*position, absl::MaxSplits('.', 1));
    int64_t micros = 0;
    int64_t id = 0;
    if (!absl::SimpleAtoi(parts.first, &micros) || !absl::SimpleAtoi(parts.second, &id) || micros < 0 || id <= 0 ||
        absl::StrCat(micros, ".", id) != *position) {
      return InvalidField("page_token", "not a page token of this list", "INVALID_PAGE_TOKEN");
    }
    after = store::ReturnedLoanCursor{absl::FromUnixMicros(micros), id};
  }
  ReadingHistoryPage page;
  absl::Status s = ctx.db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto rows = store::ListReturnedLoans(tx, caller.patron_id, limit + 1, after);
    if (!rows.ok()) return rows.status();
    page.loans = std::move(*rows);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (static_cast<int>(page.loans.size()) > limit) {
    page.loans.resize(limit);
    const store::LoanRow& last = page.loans.back();
    page.next_page_token =
        MakePageToken(absl::StrCat(absl::ToUnixMicros(last.returned_at.value_or(absl::UnixEpoch())), ".", last.id), list);
  }
  return page;
}

absl::StatusOr<bool> SetReadingHistory(const ServiceContext& ctx, const Caller& caller, bool enabled) {
  if (!caller.is_patron()) return NotAPatron();
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto patron = store::FindPatronById(tx, caller.patron_id, /*lock=*/true);
    if (!patron.ok()) return patron.status();
    if (!patron->has_value()) return NotAPatron();
    return store::SetReadingHistory(tx, caller.patron_id, enabled, ctx.clock->Now());
  });
  if (!s.ok()) return s;
  return enabled;
}

}  // namespace shiori::app
