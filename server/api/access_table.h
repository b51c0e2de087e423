// Who may call what (P10): one table of RPC → the roles (and, for other systems, the scopes) allowed, checked
// for every call in one place (CallGuard). An RPC missing from the table is refused for everyone.
#ifndef SHIORI_SERVER_API_ACCESS_TABLE_H_
#define SHIORI_SERVER_API_ACCESS_TABLE_H_

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/app/caller.h"
#include "shiori/v1/policy.pb.h"

namespace shiori::api {

struct Access {
  bool anonymous = false;  // anyone, logged in or not
  bool patron = false;     // a logged-in patron (their own data only: the use case checks ownership)
  bool staff = false;      // staff at a library (admins are staff too)
  bool admin = false;      // admins only
  // A service account (another municipal system) needs this scope; empty: no service may call it.
  std::string service_scope;
  // On success the use case writes its own audit entry (P10), with what it did, in its transaction; CallGuard
  // then logs only refusals and failures of the call, which would otherwise cost a second commit per call.
  bool audits_itself = false;
};

// Keyed by the full method name, "/shiori.v1.LibraryService/SearchCatalog".
const std::map<std::string, Access, std::less<>>& AccessTable();

// Whether a successful call of the method is already in the audit log by its use case (Access::audits_itself).
bool AuditsItself(absl::string_view full_method);

// OK when the caller may call the method; UNAUTHENTICATED LOGIN_REQUIRED for an anonymous caller of a method
// that needs a login; PERMISSION_DENIED (PERMISSION_DENIED / SCOPE_MISSING) otherwise.
absl::Status Authorize(const app::Caller& caller, absl::string_view full_method);

// R6 / P2: a patron of a category the policy bars from reserving (wide-area patrons) is refused
// PlaceReservation — FAILED_PRECONDITION WIDE_AREA_PATRON_CANNOT_RESERVE — before anything is read. Listing
// and cancelling stay open (R13, R14): a patron who became wide-area may still have reservations made before.
// OK for everyone else and every other method.
absl::Status RefuseBarredReservationCaller(const app::Caller& caller, absl::string_view full_method,
                                           const v1::Policy& policy);

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_ACCESS_TABLE_H_
