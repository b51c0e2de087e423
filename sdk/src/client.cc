// See shiori/client.h. Every RPC goes through Call(): session metadata, the call's deadline, the request_id of
// repeatable mutations, the retry rule and the status conversion live there once.
#include "shiori/client.h"

#include <fstream>
#include <sstream>
#include <utility>

#include <grpcpp/grpcpp.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "call_policy.h"
#include "retry_loop.h"
#include "shiori/grpc_status.h"
#include "shiori/v1/library.grpc.pb.h"
#include "shiori/v1/loan.grpc.pb.h"
#include "shiori/v1/patron.grpc.pb.h"
#include "shiori/v1/reservation.grpc.pb.h"
#include "shiori/v1/admin.grpc.pb.h"
#include "shiori/v1/staff.grpc.pb.h"

namespace shiori {
namespace internal {

// The shared state behind a Client and its copies.
class ClientState {
 public:
  ClientState(ClientOptions options, std::shared_ptr<grpc::Channel> channel)
      : options_(std::move(options)),
        channel_(std::move(channel)),
        library_(v1::LibraryService::NewStub(channel_)),
        patron_(v1::PatronService::NewStub(channel_)),
        reservation_(v1::ReservationService::NewStub(channel_)),
        loan_(v1::LoanService::NewStub(channel_)),
        staff_(v1::StaffSessionService::NewStub(channel_)),
        staff_patron_(v1::StaffPatronService::NewStub(channel_)),
        audit_log_(v1::AuditLogService::NewStub(channel_)) {}

  const ClientOptions& options() const { return options_; }
  v1::LibraryService::Stub& library() { return *library_; }
  v1::PatronService::Stub& patron() { return *patron_; }
  v1::ReservationService::Stub& reservation() { return *reservation_; }
  v1::LoanService::Stub& loan() { return *loan_; }
  v1::AdminService::Stub& admin() { return *admin_; }
  v1::StaffSessionService::Stub& staff() { return *staff_; }
  v1::StaffPatronService::Stub& staff_patron() { return *staff_patron_; }
  v1::AuditLogService::Stub& audit_log() { return *audit_log_; }

  void set_token(std::string token) {
    absl::MutexLock lock(&mu_);
    token_ = std::move(token);
  }
  std::string token() const {
    absl::MutexLock lock(&mu_);
    return token_;
  }

  // One RPC with the client's rules. `rpc` is (context, request, response*) → grpc::Status.
  template <typename Request, typename Response, typename Rpc>
  absl::StatusOr<Response> Call(CallKind kind, Request request, Rpc rpc) {
    if (kind == CallKind::kMutation) EnsureRequestId(request);
    const bool idempotent = IsIdempotent(kind, request);
    const absl::Time deadline = absl::Now() + options_.deadline;
    const std::string token = this->token();
    Response response;
    absl::Status status =
        RetryLoop(options_.retry, idempotent, deadline, RetryClock::Real(), [&]() -> absl::Status {
          grpc::ClientContext context;
          context.set_deadline(absl::ToChronoTime(deadline));
          if (!token.empty()) context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
          if (!options_.api_key.empty()) context.AddMetadata("x-api-key", options_.api_key);
          response.Clear();
          return Classify(FromGrpcStatus(rpc(&context, request, &response)));
        });
    if (!status.ok()) return status;
    return response;
  }

 private:
  // A deadline that passed before the channel ever connected means the server was not reached: say so with
  // UNAVAILABLE, as for a refused connection.
  absl::Status Classify(absl::Status status) {
    if (status.code() == absl::StatusCode::kDeadlineExceeded &&
        channel_->GetState(/*try_to_connect=*/false) != GRPC_CHANNEL_READY) {
      return absl::UnavailableError(absl::StrCat("could not connect to ", options_.server_address,
                                                 " before the deadline: ", status.message()));
    }
    return status;
  }

  const ClientOptions options_;
  const std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::LibraryService::Stub> library_;
  std::unique_ptr<v1::PatronService::Stub> patron_;
  std::unique_ptr<v1::ReservationService::Stub> reservation_;
  std::unique_ptr<v1::LoanService::Stub> loan_;
  std::unique_ptr<v1::AdminService::Stub> admin_{v1::AdminService::NewStub(channel_)};
  std::unique_ptr<v1::StaffSessionService::Stub> staff_;
  std::unique_ptr<v1::StaffPatronService::Stub> staff_patron_;
  std::unique_ptr<v1::AuditLogService::Stub> audit_log_;
  mutable absl::Mutex mu_;
  std::string token_;
};

}  // namespace internal

namespace {

// `path`'s text, which must hold a PEM block of `kind` ("CERTIFICATE", "PRIVATE KEY": the end of the label,
// so that "EC PRIVATE KEY" and "RSA PRIVATE KEY" count).
absl::StatusOr<std::string> ReadPem(const std::string& path, absl::string_view what, absl::string_view kind) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", what, " file ", path));
  std::ostringstream text;
  text << in.rdbuf();
  // gRPC would take any bytes and fail later, with lines of its own and "empty address list".
  const std::string begin = absl::StrCat(kind, "-----");
  const size_t at = text.str().find("-----BEGIN ");
  if (at == std::string::npos || text.str().find(begin, at) == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " file ", path, " is not a PEM ", absl::AsciiStrToLower(kind), " (no -----BEGIN … ", begin,
                     " line)"));
  }
  return text.str();
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> CredentialsFor(const ClientOptions& options) {
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return absl::InvalidArgumentError("tls_cert_file and tls_key_file must be given together");
  }
  if (options.tls_ca_file.empty() && options.tls_cert_file.empty()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  if (!options.tls_ca_file.empty()) {
    auto ca = ReadPem(options.tls_ca_file, "TLS CA", "CERTIFICATE");
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *std::move(ca);
  }
  if (!options.tls_cert_file.empty()) {
    auto cert = ReadPem(options.tls_cert_file, "TLS client certificate", "CERTIFICATE");
    if (!cert.ok()) return cert.status();
    auto key = ReadPem(options.tls_key_file, "TLS client key", "PRIVATE KEY");
    if (!key.ok()) return key.status();
    ssl.pem_cert_chain = *std::move(cert);
    ssl.pem_private_key = *std::move(key);
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace

absl::StatusOr<Client> Client::Connect(ClientOptions options) {
  auto credentials = CredentialsFor(options);
  if (!credentials.ok()) return credentials.status();
  auto channel = grpc::CreateChannel(options.server_address, *credentials);
  return Client(std::move(options), std::move(channel));
}

Client::Client(ClientOptions options, std::shared_ptr<grpc::Channel> channel)
    : state_(std::make_shared<internal::ClientState>(std::move(options), std::move(channel))) {}

const ClientOptions& Client::options() const { return state_->options(); }

void Client::set_session_token(std::string token) { state_->set_token(std::move(token)); }

std::string Client::session_token() const { return state_->token(); }

using internal::CallKind;

absl::StatusOr<v1::ListLibrariesResponse> Client::ListLibraries(const v1::ListLibrariesRequest& request) {
  auto& stub = state_->library();
  return state_->Call<v1::ListLibrariesRequest, v1::ListLibrariesResponse>(
      CallKind::kRead, request, [&](auto* c, const auto& r, auto* out) { return stub.ListLibraries(c, r, out); });
}

absl::StatusOr<v1::SearchCatalogResponse> Client::SearchCatalog(const v1::SearchCatalogRequest& request) {
  auto& stub = state_->library();
  return state_->Call<v1::SearchCatalogRequest, v1::SearchCatalogResponse>(
      CallKind::kRead, request, [&](auto* c, const auto& r, auto* out) { return stub.SearchCatalog(c, r, out); });
}

absl::StatusOr<v1::Record> Client::GetRecord(const v1::GetRecordRequest& request) {
  auto& stub = state_->library();
  return state_->Call<v1::GetRecordRequest, v1::Record>(
      CallKind::kRead, request, [&](auto* c, const auto& r, auto* out) { return stub.GetRecord(c, r, out); });
}

absl::StatusOr<v1::LoginResponse> Client::Login(v1::LoginRequest request) {
  if (request.channel() == v1::CHANNEL_UNSPECIFIED) request.set_channel(options().channel);
  auto& stub = state_->patron();
  auto response = state_->Call<v1::LoginRequest, v1::LoginResponse>(
      CallKind::kMutation, std::move(request),
      [&](auto* c, const auto& r, auto* out) { return stub.Login(c, r, out); });
  if (response.ok()) set_session_token(response->session_token());
  return response;
}

absl::StatusOr<v1::LogoutResponse> Client::Logout(const v1::LogoutRequest& request) {
  auto& stub = state_->patron();
  auto response = state_->Call<v1::LogoutRequest, v1::LogoutResponse>(
      CallKind::kMutation, request, [&](auto* c, const auto& r, auto* out) { return stub.Logout(c, r, out); });
  if (response.ok() || response.status().code() == absl::StatusCode::kUnauthenticated) set_session_token("");
  return response;
}

absl::StatusOr<v1::Reservation> Client::PlaceReservation(v1::PlaceReservationRequest request) {
  auto& stub = state_->reservation();
  return state_->Call<v1::PlaceReservationRequest, v1::Reservation>(
      CallKind::kMutation, std::move(request),
      [&](auto* c, const auto& r, auto* out) { return stub.PlaceReservation(c, r, out); });
}

absl::StatusOr<v1::ListReservationsResponse> Client::ListReservations(const v1::ListReservationsRequest& request) {
  auto& stub = state_->reservation();
  return state_->Call<v1::ListReservationsRequest, v1::ListReservationsResponse>(
      CallKind::kRead, request,
      [&](auto* c, const auto& r, auto* out) { return stub.ListReservations(c, r, out); });
}

absl::StatusOr<v1::Reservation> Client::CancelReservation(v1::CancelReservationRequest request) {
  auto& stub = state_->reservation();
  return state_->Call<v1::CancelReservationRequest, v1::Reservation>(
      CallKind::kMutation, std::move(request),
      [&](auto* c, const auto& r, auto* out) { return stub.CancelReservation(c, r, out); });
}

absl::StatusOr<v1::ListLoansResponse> Client::ListLoans(const v1::ListLoansRequest& request) {
  auto& stub = state_->loan();
  return state_->Call<v1::ListLoansRequest, v1::ListLoansResponse>(
      CallKind::kRead, request, [&](auto* c, const auto& r, auto* out) { return stub.ListLoans(c, r, out); });
}

// Circulation: the patron's loans and the staff desk. SHIORI_RPC spells out one method of the pattern above.
#define SHIORI_RPC(Method, Service, Kind, Param, Response)                                            \
  absl::StatusOr<v1::Response> Client::Method(Param request) {                                        \
    auto& stub = state_->Service();                                                                 \
    return state_->Call<v1::Method##Request, v1::Response>(                                         \
        CallKind::Kind, std::move(request),                                                         \
        [&](auto* c, const auto& r, auto* out) { return stub.Method(c, r, out); });                 \
  }
SHIORI_RPC(ListReadingHistory, loan, kRead, const v1::ListReadingHistoryRequest&, ListLoansResponse)
SHIORI_RPC(RenewLoan, loan, kMutation, v1::RenewLoanRequest, Loan)
SHIORI_RPC(SetReadingHistory, loan, kMutation, v1::SetReadingHistoryRequest, ReadingHistorySetting)
SHIORI_RPC(Checkout, loan, kMutation, v1::CheckoutRequest, CheckoutResponse)
SHIORI_RPC(Checkin, loan, kMutation, v1::CheckinRequest, CopyRouting)
SHIORI_RPC(ReceiveTransit, loan, kMutation, v1::ReceiveTransitRequest, CopyRouting)
SHIORI_RPC(ForceReturn, loan, kMutation, v1::ForceReturnRequest, CopyRouting)
SHIORI_RPC(ReceiveMagazineIssue, loan, kMutation, v1::ReceiveMagazineIssueRequest, MagazineIssueReceived)
SHIORI_RPC(MarkCalled, reservation, kMutation, v1::MarkCalledRequest, HoldShelfEntry)
SHIORI_RPC(ListHoldShelf, reservation, kRead, const v1::ListHoldShelfRequest&, ListHoldShelfResponse)
SHIORI_RPC(ListCalls, reservation, kRead, const v1::ListCallsRequest&, ListHoldShelfResponse)
SHIORI_RPC(ListPullList, reservation, kRead, const v1::ListPullListRequest&, ListPullListResponse)
SHIORI_RPC(ListTransits, reservation, kRead, const v1::ListTransitsRequest&, ListTransitsResponse)
#undef SHIORI_RPC

absl::StatusOr<v1::StaffLoginResponse> Client::StaffLogin(const v1::StaffLoginRequest& request) {
  auto& stub = state_->staff();
  auto response = state_->Call<v1::StaffLoginRequest, v1::StaffLoginResponse>(
      CallKind::kMutation, request, [&](auto* c, const auto& r, auto* out) { return stub.StaffLogin(c, r, out); });
  if (response.ok()) set_session_token(response->session_token());
  return response;
}

// Accounts (P4–P10). SHIORI_ACCOUNT_RPC spells out one method of the pattern above.
#define SHIORI_ACCOUNT_RPC(Method, Service, Kind, Param, Response)                                \
  absl::StatusOr<v1::Response> Client::Method(Param request) {                                  \
    auto& stub = state_->Service();                                                           \
    return state_->Call<v1::Method##Request, v1::Response>(                                   \
        CallKind::Kind, std::move(request),                                                   \
        [&](auto* c, const auto& r, auto* out) { return stub.Method(c, r, out); });           \
  }
SHIORI_ACCOUNT_RPC(RegisterPassword, patron, kMutation, v1::RegisterPasswordRequest, RegisterPasswordResponse)
SHIORI_ACCOUNT_RPC(ConfirmRegistration, patron, kMutation, v1::ConfirmRegistrationRequest,
                   ConfirmRegistrationResponse)
SHIORI_ACCOUNT_RPC(ChangePassword, patron, kMutation, v1::ChangePasswordRequest, ChangePasswordResponse)
SHIORI_ACCOUNT_RPC(GetProfile, patron, kRead, const v1::GetProfileRequest&, Profile)
SHIORI_ACCOUNT_RPC(UpdateProfile, patron, kMutation, v1::UpdateProfileRequest, Profile)
SHIORI_ACCOUNT_RPC(AddEmailAddress, patron, kMutation, v1::AddEmailAddressRequest, Profile)
SHIORI_ACCOUNT_RPC(RemoveEmailAddress, patron, kMutation, v1::RemoveEmailAddressRequest, Profile)
SHIORI_ACCOUNT_RPC(ConfirmEmailAddress, patron, kMutation, v1::ConfirmEmailAddressRequest,
                   ConfirmEmailAddressResponse)
SHIORI_ACCOUNT_RPC(SetHoldNotice, patron, kMutation, v1::SetHoldNoticeRequest, Profile)
SHIORI_ACCOUNT_RPC(CreatePatron, staff_patron, kMutation, v1::CreatePatronRequest, PatronRecord)
SHIORI_ACCOUNT_RPC(UpdatePatron, staff_patron, kMutation, v1::UpdatePatronRequest, PatronRecord)
SHIORI_ACCOUNT_RPC(GetPatron, staff_patron, kRead, const v1::GetPatronRequest&, PatronRecord)
SHIORI_ACCOUNT_RPC(SearchPatrons, staff_patron, kRead, const v1::SearchPatronsRequest&, SearchPatronsResponse)
SHIORI_ACCOUNT_RPC(ResetPassword, staff_patron, kMutation, v1::ResetPasswordRequest, PatronRecord)
SHIORI_ACCOUNT_RPC(SetPatronCategory, staff_patron, kMutation, v1::SetPatronCategoryRequest, PatronRecord)
SHIORI_ACCOUNT_RPC(ListAuditLog, audit_log, kRead, const v1::ListAuditLogRequest&, ListAuditLogResponse)
#undef SHIORI_ACCOUNT_RPC

// Calendars and the test clock: the same pattern as above, one method per RPC.
#define SHIORI_CALENDAR_RPC(Method, Service, Kind, Param, Request, Response)                  \
  absl::StatusOr<v1::Response> Client::Method(Param request) {                               \
    auto& stub = state_->Service();                                                        \
    return state_->Call<v1::Request, v1::Response>(                                        \
        CallKind::Kind, std::move(request),                                                \
        [&](auto* c, const auto& r, auto* out) { return stub.Method(c, r, out); });        \
  }
SHIORI_CALENDAR_RPC(GetCalendar, library, kRead, const v1::GetCalendarRequest&, GetCalendarRequest,
                    GetCalendarResponse)
SHIORI_CALENDAR_RPC(CreateClosure, library, kMutation, v1::CreateClosureRequest, CreateClosureRequest,
                    CreateClosureResponse)
SHIORI_CALENDAR_RPC(DeleteClosure, library, kMutation, v1::DeleteClosureRequest, DeleteClosureRequest,
                    DeleteClosureResponse)
SHIORI_CALENDAR_RPC(CreateOpening, library, kMutation, v1::CreateOpeningRequest, CreateOpeningRequest,
                    ExceptionalOpening)
SHIORI_CALENDAR_RPC(DeleteOpening, library, kMutation, v1::DeleteOpeningRequest, DeleteOpeningRequest,
                    DeleteOpeningResponse)
SHIORI_CALENDAR_RPC(GetClock, admin, kRead, const v1::GetClockRequest&, GetClockRequest, ClockState)
SHIORI_CALENDAR_RPC(SetClock, admin, kRead, v1::SetClockRequest, SetClockRequest, ClockState)
SHIORI_CALENDAR_RPC(AdvanceClock, admin, kMutation, v1::AdvanceClockRequest, AdvanceClockRequest, ClockState)
#undef SHIORI_CALENDAR_RPC

}  // namespace shiori
