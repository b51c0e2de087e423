// The authorisation matrix (P10, R6): every method of every Shiori service, taken from the proto descriptors,
// called on a real server as every role — anonymous, a resident patron, a wide-area patron, staff, an admin and
// a service account — and the outcome compared with the table below. A method of the protos that the table
// does not list fails the test, and so does a listed method that the protos no longer have: adding an RPC means
// deciding here who may call it (and adding its row to server/api/access_table.cc).
//
// Each call sends an empty request. Whether the call was allowed is read from the error reason: the access layer
// refuses with LOGIN_REQUIRED, PERMISSION_DENIED or SCOPE_MISSING (and WIDE_AREA_PATRON_CANNOT_RESERVE for a
// wide-area patron placing a reservation); anything else — success, or the use case refusing the empty request —
// means the call got past authorisation.
#include <gtest/gtest.h>
#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <dirent.h>

#include <algorithm>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "shiori/error_details.h"
#include "shiori/grpc_status.h"
#include "shiori/v1/admin.pb.h"
#include "shiori/v1/calendar.pb.h"
#include "shiori/v1/library.pb.h"
#include "shiori/v1/loan.pb.h"
#include "shiori/v1/patron.pb.h"
#include "shiori/v1/policy.pb.h"
#include "shiori/v1/reservation.pb.h"
#include "shiori/v1/staff.pb.h"
#include "tests/support/test_env.h"

namespace shiori::testing {
namespace {

// Who may call a method. `staff` includes admins; `admin` alone means admins only. `scope` is the service
// account scope that opens it ("" : no service account may call it).
struct Expect {
  bool anonymous = false;
  bool patron = false;
  bool staff = false;
  bool admin = false;
  std::string scope;
};

constexpr Expect kOpen{.anonymous = true};
constexpr Expect kPatron{.patron = true};
constexpr Expect kStaff{.staff = true};
constexpr Expect kAdmin{.admin = true};

const std::map<std::string, Expect>& ExpectedTable() {
  static const auto* table = new std::map<std::string, Expect>{
      // Catalogue and calendars (C1, L1): everyone; other systems with catalog.read.
      {"LibraryService/ListLibraries", {.anonymous = true, .scope = "catalog.read"}},
      {"LibraryService/SearchCatalog", {.anonymous = true, .scope = "catalog.read"}},
      {"LibraryService/GetRecord", {.anonymous = true, .scope = "catalog.read"}},
      {"LibraryService/GetCalendar", {.anonymous = true, .scope = "catalog.read"}},
      {"LibraryService/CreateClosure", kStaff},
      {"LibraryService/DeleteClosure", kStaff},
      {"LibraryService/CreateOpening", kStaff},
      {"LibraryService/DeleteOpening", kStaff},
      // Accounts (P3–P9).
      {"PatronService/Login", kOpen},
      {"PatronService/Logout", {.patron = true, .staff = true}},
      {"PatronService/RegisterPassword", kOpen},
      {"PatronService/ConfirmRegistration", kOpen},
      {"PatronService/ConfirmEmailAddress", kOpen},
      {"PatronService/ChangePassword", kPatron},
      {"PatronService/GetProfile", kPatron},
      {"PatronService/UpdateProfile", kPatron},
      {"PatronService/AddEmailAddress", kPatron},
      {"PatronService/RemoveEmailAddress", kPatron},
      {"PatronService/SetHoldNotice", kPatron},
      {"StaffSessionService/StaffLogin", kOpen},
      // Patron records (P10).
      {"StaffPatronService/CreatePatron", kStaff},
      {"StaffPatronService/UpdatePatron", kStaff},
      {"StaffPatronService/GetPatron", {.staff = true, .scope = "patrons.read"}},
      {"StaffPatronService/SearchPatrons", {.staff = true, .scope = "patrons.read"}},
      {"StaffPatronService/ResetPassword", kStaff},
      {"StaffPatronService/SetPatronCategory", {.staff = true, .scope = "patrons.category.write"}},
      {"AuditLogService/ListAuditLog", kAdmin},
      // Reservations (R1–R14): the patron's own, and 窓口予約 by staff for a patron (R3); the desk's lists.
      {"ReservationService/PlaceReservation", {.patron = true, .staff = true}},
      {"ReservationService/ListReservations", kPatron},
      {"ReservationService/CancelReservation", kPatron},
      {"ReservationService/ListHoldShelf", kStaff},
      {"ReservationService/ListCalls", kStaff},
      {"ReservationService/MarkCalled", kStaff},
      {"ReservationService/ListPullList", kStaff},
      {"ReservationService/ListTransits", kStaff},
      // Loans (B1–B6).
      {"LoanService/ListLoans", kPatron},
      {"LoanService/RenewLoan", kPatron},
      {"LoanService/ListReadingHistory", kPatron},
      {"LoanService/SetReadingHistory", kPatron},
      {"LoanService/Checkout", kStaff},
      {"LoanService/Checkin", kStaff},
      {"LoanService/ReceiveTransit", kStaff},
      {"LoanService/ForceReturn", kStaff},
      {"LoanService/ReceiveMagazineIssue", kStaff},
      // The test clock (L3).
      {"AdminService/GetClock", kAdmin},
      {"AdminService/SetClock", kAdmin},
      {"AdminService/AdvanceClock", kAdmin},
  };
  return *table;
}

enum class Role { kAnonymous, kPatron, kWideArea, kStaff, kAdmin, kService };

const char* RoleName(Role r) {
  switch (r) {
    case Role::kAnonymous: return "anonymous";
    case Role::kPatron: return "patron";
    case Role::kWideArea: return "wide-area patron";
    case Role::kStaff: return "staff";
    case Role::kAdmin: return "admin";
    case Role::kService: return "service(catalog.read,patrons.read)";
  }
  return "?";
}

const std::set<std::string> kServiceScopes = {"catalog.read", "patrons.read"};

// What the table says for `role` on `method` ("Service/Method"): "" allowed, else the refusal reason.
std::string ExpectedRefusal(const std::string& method, const Expect& e, Role role) {
  const bool placement = method == "ReservationService/PlaceReservation";
  if (e.anonymous) return "";
  switch (role) {
    case Role::kAnonymous:
      return (e.patron || e.staff || e.admin) ? "LOGIN_REQUIRED" : "PERMISSION_DENIED";
    case Role::kPatron:
      return e.patron ? "" : "PERMISSION_DENIED";
    case Role::kWideArea:
      if (!e.patron) return "PERMISSION_DENIED";
      return placement ? "WIDE_AREA_PATRON_CANNOT_RESERVE" : "";  // R6, P2 (R13, R14: list and cancel stay open)
    case Role::kStaff:
      return e.staff ? "" : "PERMISSION_DENIED";
    case Role::kAdmin:
      return (e.staff || e.admin) ? "" : "PERMISSION_DENIED";
    case Role::kService:
      if (e.scope.empty()) return "PERMISSION_DENIED";
      return kServiceScopes.count(e.scope) ? "" : "SCOPE_MISSING";
  }
  return "?";
}

bool IsAccessRefusal(const std::string& reason) {
  return reason == "LOGIN_REQUIRED" || reason == "PERMISSION_DENIED" || reason == "SCOPE_MISSING" ||
         reason == "WIDE_AREA_PATRON_CANNOT_RESERVE";
}

// Every "Service/Method" of the shiori.v1 protos, from the descriptors of the generated code. Each proto file in
// the source tree must be in the pool: a file that is not linked into this test is reported, not skipped.
std::vector<std::string> AllMethods(std::vector<std::string>* problems) {
  // Linking these pulls every file's descriptor into the pool.
  const google::protobuf::FileDescriptor* linked[] = {
      v1::ClockState::descriptor()->file(),       v1::Library::descriptor()->file(),
      v1::LoginRequest::descriptor()->file(),     v1::ListLoansRequest::descriptor()->file(),
      v1::Reservation::descriptor()->file(),      v1::StaffLoginRequest::descriptor()->file(),
      v1::CalendarConfig::descriptor()->file(),   v1::Policy::descriptor()->file(),
  };
  (void)linked;
  std::vector<std::string> methods;
  const std::string dir = SourceDir() + "/proto/shiori/v1";
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    problems->push_back("cannot read " + dir);
    return methods;
  }
  std::vector<std::string> files;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (absl::EndsWith(name, ".proto")) files.push_back("shiori/v1/" + name);
  }
  closedir(d);
  for (const std::string& f : files) {
    const auto* file = google::protobuf::DescriptorPool::generated_pool()->FindFileByName(f);
    if (file == nullptr) {
      problems->push_back(absl::StrCat(f, " is not linked into this test: add one of its messages to `linked`"));
      continue;
    }
    for (int s = 0; s < file->service_count(); ++s) {
      const auto* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        methods.push_back(absl::StrCat(service->name(), "/", service->method(m)->name()));
      }
    }
  }
  return methods;
}

class AuthorizationMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = NewDatabase(Seed::kDemo);
    ASSERT_TRUE(db.ok()) << db.status();
    std::string out;
    ASSERT_TRUE(RunAdmin(*db, {"service-account", "add", "matrix", "--scopes", "catalog.read,patrons.read"}, &out).ok())
        << out;
    auto at = out.find("x-api-key): ");
    ASSERT_NE(at, std::string::npos) << out;
    api_key_ = std::string(absl::StripAsciiWhitespace(out.substr(at + 12, out.find('\n', at) - at - 12)));
    auto server = TestServer::Start({.database = *db});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
  }

  // The credentials of a role as metadata (name, value), logging in where the role needs a session.
  std::vector<std::pair<std::string, std::string>> Credentials(Role role) {
    auto patron = [&](const char* number, const char* password) {
      auto c = server_->PatronClient(number, password);
      EXPECT_TRUE(c.ok()) << c.status();
      return c.ok() ? c->session_token() : "";
    };
    auto staff = [&](const char* id, const char* password) {
      Client c = server_->NewClient(v1::COUNTER);
      v1::StaffLoginRequest req;
      req.set_staff_id(id);
      req.set_password(password);
      auto r = c.StaffLogin(req);
      EXPECT_TRUE(r.ok()) << r.status();
      return c.session_token();
    };
    switch (role) {
      case Role::kAnonymous: return {};
      case Role::kPatron: return {{"authorization", "Bearer " + patron("0000001", "shiori01")}};
      case Role::kWideArea: return {{"authorization", "Bearer " + patron("0000002", "shiori02")}};
      case Role::kStaff: return {{"authorization", "Bearer " + staff("s0001", "staff001")}};
      case Role::kAdmin: return {{"authorization", "Bearer " + staff("a0001", "admin001")}};
      case Role::kService: return {{"x-api-key", api_key_}};
    }
    return {};
  }

  // One call with the request's bytes (an empty message is zero bytes); returns its status.
  absl::Status Call(const std::string& method, const std::vector<std::pair<std::string, std::string>>& creds,
                    const std::string& request_bytes = "") {
    grpc::GenericStub stub(channel_);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    for (const auto& [k, v] : creds) context.AddMetadata(k, v);
    grpc::CompletionQueue cq;
    grpc::Slice bytes(request_bytes);
    grpc::ByteBuffer request(&bytes, 1);
    auto rpc = stub.PrepareUnaryCall(&context, "/shiori.v1." + method, request, &cq);
    rpc->StartCall();
    grpc::ByteBuffer response;
    grpc::Status status;
    rpc->Finish(&response, &status, reinterpret_cast<void*>(1));
    void* tag = nullptr;
    bool ok = false;
    cq.Next(&tag, &ok);
    cq.Shutdown();
    while (cq.Next(&tag, &ok)) {
    }
    return FromGrpcStatus(status);
  }

  std::unique_ptr<TestServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::string api_key_;
};

// P10: the table covers exactly the methods of the protos.
TEST_F(AuthorizationMatrixTest, EveryMethodHasAnEntry) {
  std::vector<std::string> problems;
  std::vector<std::string> methods = AllMethods(&problems);
  EXPECT_TRUE(problems.empty()) << absl::StrJoin(problems, "\n");
  EXPECT_GE(methods.size(), 40u);
  std::set<std::string> seen;
  for (const auto& m : methods) {
    seen.insert(m);
    EXPECT_TRUE(ExpectedTable().count(m)) << m << " has no row in the expected access table of this test";
  }
  for (const auto& [m, e] : ExpectedTable()) {
    EXPECT_TRUE(seen.count(m)) << m << " is in the table but not in the protos";
  }
}

// P10, R6: every method × every role, on the real server.
TEST_F(AuthorizationMatrixTest, EveryRoleOnEveryMethod) {
  std::vector<std::string> problems;
  std::vector<std::string> methods = AllMethods(&problems);
  // Logout ends the session it is called with: call it last.
  std::stable_partition(methods.begin(), methods.end(), [](const std::string& m) { return !absl::EndsWith(m, "/Logout"); });
  int checked = 0;
  for (Role role : {Role::kAnonymous, Role::kPatron, Role::kWideArea, Role::kStaff, Role::kAdmin, Role::kService}) {
    auto creds = Credentials(role);
    for (const std::string& method : methods) {
      auto it = ExpectedTable().find(method);
      if (it == ExpectedTable().end()) continue;  // reported by EveryMethodHasAnEntry
      const std::string expected = ExpectedRefusal(method, it->second, role);
      absl::Status got = Call(method, creds);
      const std::string reason = got.ok() ? "" : ErrorReason(got);
      EXPECT_NE(got.code(), absl::StatusCode::kUnimplemented) << method << " is not implemented by the server";
      if (expected.empty()) {
        EXPECT_FALSE(IsAccessRefusal(reason)) << RoleName(role) << " should be allowed " << method << ": " << got;
      } else {
        EXPECT_EQ(reason, expected) << RoleName(role) << " on " << method << ": " << got;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 6 * 40);
}

// P10: one set of credentials a call. Two tokens (whose call would it be?), or a token and an API key, are
// refused as such; one of them is never picked.
TEST_F(AuthorizationMatrixTest, TwoSetsOfCredentialsAreRefused) {
  auto patron = Credentials(Role::kPatron);
  auto other = Credentials(Role::kWideArea);
  auto service = Credentials(Role::kService);
  for (const auto& creds : {std::vector{patron[0], other[0]}, std::vector{patron[0], service[0]}}) {
    absl::Status got = Call("PatronService/GetProfile", creds);
    EXPECT_EQ(got.code(), absl::StatusCode::kUnauthenticated) << got;
    EXPECT_EQ(ErrorReason(got), "CREDENTIALS_AMBIGUOUS") << got;
  }
  EXPECT_TRUE(Call("PatronService/GetProfile", patron).ok());
}

// A request that is not a valid message of its method — a text field that is not UTF-8, or no message at all —
// is INVALID_ARGUMENT naming the field, on every method, never gRPC's bare INTERNAL.
TEST_F(AuthorizationMatrixTest, EveryMethodRefusesARequestThatIsNoMessage) {
  std::vector<std::string> problems;
  int with_text = 0;
  for (const std::string& method : AllMethods(&problems)) {
    const std::pair<std::string, std::string> names = absl::StrSplit(method, '/');
    const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName("shiori.v1." + names.first);
    ASSERT_NE(service, nullptr) << method;
    const auto* input = service->FindMethodByName(names.second)->input_type();
    absl::Status garbage = Call(method, {}, "\xff");  // a tag cut short
    EXPECT_EQ(garbage.code(), absl::StatusCode::kInvalidArgument) << method << ": " << garbage;
    EXPECT_EQ(ErrorReason(garbage), "REQUEST_UNPARSABLE") << method << ": " << garbage;
    for (int i = 0; i < input->field_count(); ++i) {
      const auto* field = input->field(i);
      if (field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) continue;
      std::string bytes;  // the field's tag (a varint of number << 3 | length-delimited), length 2, then 0xff 0xfe
      for (uint32_t tag = static_cast<uint32_t>(field->number()) << 3 | 2; ; tag >>= 7) {
        if (tag < 0x80) {
          bytes.push_back(static_cast<char>(tag));
          break;
        }
        bytes.push_back(static_cast<char>(0x80 | (tag & 0x7f)));
      }
      bytes += "\x02\xff\xfe";
      absl::Status got = Call(method, {}, bytes);
      EXPECT_EQ(got.code(), absl::StatusCode::kInvalidArgument) << method << ": " << got;
      EXPECT_EQ(ErrorReason(got), "INVALID_UTF8") << method << ": " << got;
      const std::vector<FieldViolation> violations = FieldViolations(got);
      ASSERT_EQ(violations.size(), 1u) << method << ": " << got;
      EXPECT_EQ(violations[0].field, field->name()) << method;
      ++with_text;
      break;  // one text field per method
    }
  }
  EXPECT_TRUE(problems.empty()) << absl::StrJoin(problems, "\n");
  EXPECT_GE(with_text, 30);
}

}  // namespace
}  // namespace shiori::testing
