// See access_table.h.
#include "server/api/access_table.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/error.h"

namespace shiori::api {

const std::map<std::string, Access, std::less<>>& AccessTable() {
  static const auto* table = new std::map<std::string, Access, std::less<>>{
      // Catalogue: open to everyone (C1), and to other systems with catalog.read.
      {"/shiori.v1.LibraryService/ListLibraries", {.anonymous = true, .service_scope = "catalog.read"}},
      {"/shiori.v1.LibraryService/SearchCatalog", {.anonymous = true, .service_scope = "catalog.read"}},
      {"/shiori.v1.LibraryService/GetRecord", {.anonymous = true, .service_scope = "catalog.read"}},
      // Calendars (L1–L3): anyone reads them; staff (of that library: the use case checks) and admins edit them.
      {"/shiori.v1.LibraryService/GetCalendar", {.anonymous = true, .service_scope = "catalog.read"}},
      {"/shiori.v1.LibraryService/CreateClosure", {.staff = true}},
      {"/shiori.v1.LibraryService/DeleteClosure", {.staff = true}},
      {"/shiori.v1.LibraryService/CreateOpening", {.staff = true}},
      {"/shiori.v1.LibraryService/DeleteOpening", {.staff = true}},
      // Accounts.
      {"/shiori.v1.PatronService/Login", {.anonymous = true}},
      {"/shiori.v1.PatronService/Logout", {.patron = true, .staff = true}},
      // P4: open, since a patron without a password cannot log in; the answers say nothing of who exists.
      {"/shiori.v1.PatronService/RegisterPassword", {.anonymous = true}},
      {"/shiori.v1.PatronService/ConfirmRegistration", {.anonymous = true}},
      {"/shiori.v1.PatronService/ConfirmEmailAddress", {.anonymous = true}},
      // A patron's own account (P5, P7, P10).
      {"/shiori.v1.PatronService/ChangePassword", {.patron = true}},
      {"/shiori.v1.PatronService/GetProfile", {.patron = true}},
      {"/shiori.v1.PatronService/UpdateProfile", {.patron = true}},
      {"/shiori.v1.PatronService/AddEmailAddress", {.patron = true}},
      {"/shiori.v1.PatronService/RemoveEmailAddress", {.patron = true}},
      {"/shiori.v1.PatronService/SetHoldNotice", {.patron = true}},
      // Patron records at the desk (P10); other systems read them, or change only the category.
      {"/shiori.v1.StaffPatronService/CreatePatron", {.staff = true}},
      {"/shiori.v1.StaffPatronService/UpdatePatron", {.staff = true}},
      {"/shiori.v1.StaffPatronService/GetPatron", {.staff = true, .service_scope = "patrons.read"}},
      {"/shiori.v1.StaffPatronService/SearchPatrons", {.staff = true, .service_scope = "patrons.read"}},
      {"/shiori.v1.StaffPatronService/ResetPassword", {.staff = true}},
      {"/shiori.v1.StaffPatronService/SetPatronCategory", {.staff = true, .service_scope = "patrons.category.write"}},
      {"/shiori.v1.AuditLogService/ListAuditLog", {.admin = true}},
      // A patron's own reservations and loans.
      {"/shiori.v1.ReservationService/PlaceReservation", {.patron = true, .staff = true}},  // staff: 窓口予約
      {"/shiori.v1.ReservationService/ListReservations", {.patron = true}},
      {"/shiori.v1.ReservationService/CancelReservation", {.patron = true}},
      {"/shiori.v1.LoanService/ListLoans", {.patron = true}},
      {"/shiori.v1.LoanService/RenewLoan", {.patron = true}},
      {"/shiori.v1.LoanService/ListReadingHistory", {.patron = true}},
      {"/shiori.v1.LoanService/SetReadingHistory", {.patron = true}},
      // Staff login and the desk (P10); the use cases check that the library is one of the caller's.
      {"/shiori.v1.StaffSessionService/StaffLogin", {.anonymous = true}},
      {"/shiori.v1.LoanService/Checkout", {.staff = true, .audits_itself = true}},
      {"/shiori.v1.LoanService/Checkin", {.staff = true, .audits_itself = true}},
      {"/shiori.v1.LoanService/ReceiveTransit", {.staff = true, .audits_itself = true}},
      {"/shiori.v1.LoanService/ForceReturn", {.staff = true, .audits_itself = true}},
      {"/shiori.v1.LoanService/ReceiveMagazineIssue", {.staff = true}},
      {"/shiori.v1.ReservationService/ListHoldShelf", {.staff = true}},
      {"/shiori.v1.ReservationService/ListCalls", {.staff = true}},
      {"/shiori.v1.ReservationService/MarkCalled", {.staff = true}},
      {"/shiori.v1.ReservationService/ListPullList", {.staff = true}},
      {"/shiori.v1.ReservationService/ListTransits", {.staff = true}},
      // The test clock (L3): admins only; moving it needs a server started with --test-clock.
      {"/shiori.v1.AdminService/GetClock", {.admin = true}},
      {"/shiori.v1.AdminService/SetClock", {.admin = true}},
      {"/shiori.v1.AdminService/AdvanceClock", {.admin = true}},
  };
  return *table;
}

absl::Status RefuseBarredReservationCaller(const app::Caller& caller, absl::string_view full_method,
                                           const v1::Policy& policy) {
  if (!caller.is_patron() || full_method != "/shiori.v1.ReservationService/PlaceReservation") {
    return absl::OkStatus();
  }
  const auto& barred = policy.reservation().categories_not_allowed();
  if (std::find(barred.begin(), barred.end(), caller.category) == barred.end()) return absl::OkStatus();
  return Error(absl::StatusCode::kFailedPrecondition, "WIDE_AREA_PATRON_CANNOT_RESERVE",
               "広域利用者の方は予約できません（貸出期間の延長はできます）")
      .Rule("R6")
      .Meta("category", v1::PatronCategory_Name(caller.category))
      .Meta("method", std::string(full_method))
      .English("wide-area patrons cannot place reservations");
}

bool AuditsItself(absl::string_view full_method) {
  auto it = AccessTable().find(full_method);
  return it != AccessTable().end() && it->second.audits_itself;
}

absl::Status Authorize(const app::Caller& caller, absl::string_view full_method) {
  const auto& table = AccessTable();
  auto it = table.find(full_method);
  auto denied = [&] {
    return Error(absl::StatusCode::kPermissionDenied, "PERMISSION_DENIED", "この操作は許可されていません")
        .Rule("P10")
        .Meta("method", std::string(full_method))
        .English("you may not call this method");
  };
  if (it == table.end()) return denied();
  const Access& a = it->second;
  if (a.anonymous) return absl::OkStatus();
  switch (caller.kind) {
    case app::Caller::Kind::kAnonymous:
      if (a.patron || a.staff || a.admin) {
        return Error(absl::StatusCode::kUnauthenticated, "LOGIN_REQUIRED", "ログインしてください")
            .Rule("P10")
            .English("log in first");
      }
      return denied();
    case app::Caller::Kind::kPatron:
      return a.patron ? absl::OkStatus() : denied();
    case app::Caller::Kind::kStaff:
      if (a.staff || (a.admin && caller.admin)) return absl::OkStatus();
      return denied();
    case app::Caller::Kind::kService:
      if (a.service_scope.empty()) return denied();  // no scope opens this method to another system
      if (std::find(caller.scopes.begin(), caller.scopes.end(), a.service_scope) != caller.scopes.end()) {
        return absl::OkStatus();
      }
      return Error(absl::StatusCode::kPermissionDenied, "SCOPE_MISSING", "この操作は許可されていません")
          .Rule("P10")
          .Meta("method", std::string(full_method))
          .Meta("scope", a.service_scope)
          .English(absl::StrCat("the service account lacks the scope '", a.service_scope, "'"));
  }
  return denied();
}

}  // namespace shiori::api
