// The access layer's decisions as pure functions (P10, R6): one row a role and a method.
#include "server/api/access_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>

#include "server/app/service_accounts.h"
#include "server/common/error.h"

namespace shiori::api {
namespace {

app::Caller Make(app::Caller::Kind kind) {
  app::Caller c;
  c.kind = kind;
  return c;
}

struct Row {
  const char* rule;
  app::Caller caller;
  const char* method;
  const char* reason;  // "" allowed
};

TEST(AccessTableTest, Decisions) {
  app::Caller anonymous = Make(app::Caller::Kind::kAnonymous);
  app::Caller patron = Make(app::Caller::Kind::kPatron);
  app::Caller staff = Make(app::Caller::Kind::kStaff);
  app::Caller admin = Make(app::Caller::Kind::kStaff);
  admin.admin = true;
  app::Caller service = Make(app::Caller::Kind::kService);
  service.scopes = {"patrons.read"};
  const Row rows[] = {
      {"P4", anonymous, "/shiori.v1.PatronService/RegisterPassword", ""},
      {"P10", anonymous, "/shiori.v1.PatronService/GetProfile", "LOGIN_REQUIRED"},
      {"P10", patron, "/shiori.v1.PatronService/GetProfile", ""},
      {"P10", patron, "/shiori.v1.StaffPatronService/GetPatron", "PERMISSION_DENIED"},
      {"P10", staff, "/shiori.v1.StaffPatronService/CreatePatron", ""},
      {"P10", staff, "/shiori.v1.AuditLogService/ListAuditLog", "PERMISSION_DENIED"},
      {"P10", admin, "/shiori.v1.AuditLogService/ListAuditLog", ""},
      {"P10", service, "/shiori.v1.StaffPatronService/GetPatron", ""},
      {"P10", service, "/shiori.v1.StaffPatronService/SetPatronCategory", "SCOPE_MISSING"},
      {"P10", service, "/shiori.v1.StaffPatronService/CreatePatron", "PERMISSION_DENIED"},
      {"P10", admin, "/shiori.v1.NoSuchService/Nothing", "PERMISSION_DENIED"},
  };
  for (const Row& r : rows) {
    absl::Status s = Authorize(r.caller, r.method);
    EXPECT_EQ(ReasonOf(s), r.reason) << r.rule << " " << r.method << ": " << s;
  }
}

// R6 / P2: a wide-area patron's placement, and nothing else (R13, R14: their list and cancellation stay open).
TEST(AccessTableTest, EveryServiceScopeCanBeGranted) {  // P10
  for (const auto& [method, access] : AccessTable()) {
    if (access.service_scope.empty()) continue;
    EXPECT_NE(std::find(std::begin(app::kServiceScopes), std::end(app::kServiceScopes), access.service_scope),
              std::end(app::kServiceScopes))
        << method << " asks for " << access.service_scope;
  }
}

TEST(AccessTableTest, WideAreaPatronsAreRefusedPlacement) {
  v1::Policy policy;
  policy.mutable_reservation()->add_categories_not_allowed(v1::WIDE_AREA);
  app::Caller wide = Make(app::Caller::Kind::kPatron);
  wide.category = v1::WIDE_AREA;
  app::Caller resident = Make(app::Caller::Kind::kPatron);
  resident.category = v1::RESIDENT;
  EXPECT_TRUE(RefuseBarredReservationCaller(wide, "/shiori.v1.ReservationService/ListReservations", policy).ok());
  EXPECT_TRUE(RefuseBarredReservationCaller(wide, "/shiori.v1.ReservationService/CancelReservation", policy).ok());
  EXPECT_EQ(ReasonOf(RefuseBarredReservationCaller(wide, "/shiori.v1.ReservationService/PlaceReservation", policy)),
            "WIDE_AREA_PATRON_CANNOT_RESERVE");
  EXPECT_TRUE(RefuseBarredReservationCaller(wide, "/shiori.v1.LoanService/RenewLoan", policy).ok());
  EXPECT_TRUE(RefuseBarredReservationCaller(resident, "/shiori.v1.ReservationService/PlaceReservation", policy).ok());
}

}  // namespace
}  // namespace shiori::api
