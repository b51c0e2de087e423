// shiori::Client: the C++ client of the Shiori services (LibraryService, PatronService, ReservationService,
// LoanService), one method per RPC, in the manner of the google-cloud-cpp clients.
//
//   auto client = shiori::Client::Connect(shiori::ClientOptions{});
//   if (!client.ok()) return client.status();
//   shiori::v1::LoginRequest login;
//   login.set_patron_number("0000001");
//   login.set_password(password);
//   auto session = client->Login(login);  // on success later calls carry the session token
//   shiori::v1::PlaceReservationRequest req;
//   req.set_record("records/123");
//   req.set_pickup_library("main");
//   absl::StatusOr<shiori::v1::Reservation> r = client->PlaceReservation(req);
//
// Every method returns the response, or the server's status with its details (read them with
// shiori/error_details.h). A call that never reached the server fails with UNAVAILABLE (also when the
// connection could not be made before the deadline).
//
// Calls that are safe to repeat are retried on UNAVAILABLE (ClientOptions::retry): reads, and mutations whose
// request has a request_id. A mutation whose request_id is empty gets a fresh UUID v4 before the first attempt,
// and every retry sends that same id, so the server applies it once. Other calls (Login, Logout) are never
// retried.
//
// Thread safety: a Client may be used from several threads at once. Copies share the channel and the session
// token.
#ifndef SHIORI_SDK_CLIENT_H_
#define SHIORI_SDK_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "shiori/client_options.h"
#include "shiori/v1/library.pb.h"
#include "shiori/v1/loan.pb.h"
#include "shiori/v1/patron.pb.h"
#include "shiori/v1/reservation.pb.h"
#include "shiori/v1/admin.pb.h"
#include "shiori/v1/staff.pb.h"

namespace grpc {
class Channel;
}  // namespace grpc

namespace shiori {

namespace internal {
class ClientState;
}  // namespace internal

class Client {
 public:
  // Opens a channel as the options say. Fails with INVALID_ARGUMENT when a TLS file cannot be read or only one
  // of tls_cert_file/tls_key_file is set. Does not contact the server.
  static absl::StatusOr<Client> Connect(ClientOptions options);

  // Uses a channel made by the caller (an in-process server in tests, custom credentials). The options'
  // address and TLS fields are then only informative.
  Client(ClientOptions options, std::shared_ptr<grpc::Channel> channel);

  const ClientOptions& options() const;

  // The bearer token sent as `authorization: Bearer <token>` on every call; empty sends none.
  // Login sets it and Logout clears it when they succeed.
  void set_session_token(std::string token);
  std::string session_token() const;

  // --- LibraryService (reads; retried) ---
  absl::StatusOr<v1::ListLibrariesResponse> ListLibraries(const v1::ListLibrariesRequest& request = {});
  absl::StatusOr<v1::SearchCatalogResponse> SearchCatalog(const v1::SearchCatalogRequest& request);
  absl::StatusOr<v1::Record> GetRecord(const v1::GetRecordRequest& request);

  // --- PatronService (not retried) ---
  // Fills request.channel from the options when unspecified. On success keeps the token (set_session_token).
  absl::StatusOr<v1::LoginResponse> Login(v1::LoginRequest request);
  // On success (and when the server says the session is already gone, UNAUTHENTICATED) forgets the token.
  absl::StatusOr<v1::LogoutResponse> Logout(const v1::LogoutRequest& request = {});

  // --- ReservationService ---
  // Mutation with request_id: filled when empty, retried.
  absl::StatusOr<v1::Reservation> PlaceReservation(v1::PlaceReservationRequest request);
  // Read; retried.
  absl::StatusOr<v1::ListReservationsResponse> ListReservations(const v1::ListReservationsRequest& request = {});
  // Mutation with request_id: filled when empty, retried.
  absl::StatusOr<v1::Reservation> CancelReservation(v1::CancelReservationRequest request);

  // --- LoanService (reads; retried) ---
  absl::StatusOr<v1::ListLoansResponse> ListLoans(const v1::ListLoansRequest& request = {});
  absl::StatusOr<v1::ListLoansResponse> ListReadingHistory(const v1::ListReadingHistoryRequest& request = {});
  // Mutations with request_id: filled when empty, retried.
  absl::StatusOr<v1::Loan> RenewLoan(v1::RenewLoanRequest request);
  absl::StatusOr<v1::ReadingHistorySetting> SetReadingHistory(v1::SetReadingHistoryRequest request);

  // --- Staff desk (LoanService and ReservationService; a staff session) ---
  // Not retried. On success keeps the token (set_session_token).
  absl::StatusOr<v1::StaffLoginResponse> StaffLogin(const v1::StaffLoginRequest& request);
  // Mutations with request_id: filled when empty, retried (the server applies each once).
  absl::StatusOr<v1::CheckoutResponse> Checkout(v1::CheckoutRequest request);
  absl::StatusOr<v1::CopyRouting> Checkin(v1::CheckinRequest request);
  absl::StatusOr<v1::CopyRouting> ReceiveTransit(v1::ReceiveTransitRequest request);
  absl::StatusOr<v1::CopyRouting> ForceReturn(v1::ForceReturnRequest request);
  absl::StatusOr<v1::MagazineIssueReceived> ReceiveMagazineIssue(v1::ReceiveMagazineIssueRequest request);
  absl::StatusOr<v1::HoldShelfEntry> MarkCalled(v1::MarkCalledRequest request);
  // Reads; retried.
  absl::StatusOr<v1::ListHoldShelfResponse> ListHoldShelf(const v1::ListHoldShelfRequest& request);
  absl::StatusOr<v1::ListHoldShelfResponse> ListCalls(const v1::ListCallsRequest& request);
  absl::StatusOr<v1::ListPullListResponse> ListPullList(const v1::ListPullListRequest& request);
  absl::StatusOr<v1::ListTransitsResponse> ListTransits(const v1::ListTransitsRequest& request);

  // --- Accounts: PatronService (P4, P5, P7), StaffPatronService (staff, P10), AuditLogService (admins) ---
  // Mutations with request_id are filled and retried; ConfirmRegistration and ConfirmEmailAddress are not
  // retried (a token works once).
  absl::StatusOr<v1::RegisterPasswordResponse> RegisterPassword(v1::RegisterPasswordRequest request);
  absl::StatusOr<v1::ConfirmRegistrationResponse> ConfirmRegistration(v1::ConfirmRegistrationRequest request);
  absl::StatusOr<v1::ChangePasswordResponse> ChangePassword(v1::ChangePasswordRequest request);
  absl::StatusOr<v1::Profile> GetProfile(const v1::GetProfileRequest& request = {});
  absl::StatusOr<v1::Profile> UpdateProfile(v1::UpdateProfileRequest request);
  absl::StatusOr<v1::Profile> AddEmailAddress(v1::AddEmailAddressRequest request);
  absl::StatusOr<v1::Profile> RemoveEmailAddress(v1::RemoveEmailAddressRequest request);
  absl::StatusOr<v1::ConfirmEmailAddressResponse> ConfirmEmailAddress(v1::ConfirmEmailAddressRequest request);
  absl::StatusOr<v1::Profile> SetHoldNotice(v1::SetHoldNoticeRequest request);
  absl::StatusOr<v1::PatronRecord> CreatePatron(v1::CreatePatronRequest request);
  absl::StatusOr<v1::PatronRecord> UpdatePatron(v1::UpdatePatronRequest request);
  absl::StatusOr<v1::PatronRecord> GetPatron(const v1::GetPatronRequest& request);
  absl::StatusOr<v1::SearchPatronsResponse> SearchPatrons(const v1::SearchPatronsRequest& request);
  absl::StatusOr<v1::PatronRecord> ResetPassword(v1::ResetPasswordRequest request);
  absl::StatusOr<v1::PatronRecord> SetPatronCategory(v1::SetPatronCategoryRequest request);
  absl::StatusOr<v1::ListAuditLogResponse> ListAuditLog(const v1::ListAuditLogRequest& request = {});

  // --- LibraryService: calendars (L1–L3) ---
  // Read; retried. Open to everyone.
  absl::StatusOr<v1::GetCalendarResponse> GetCalendar(const v1::GetCalendarRequest& request);
  // Staff mutations with request_id: filled when empty, retried (the server applies each once).
  absl::StatusOr<v1::CreateClosureResponse> CreateClosure(v1::CreateClosureRequest request);
  absl::StatusOr<v1::DeleteClosureResponse> DeleteClosure(v1::DeleteClosureRequest request);
  absl::StatusOr<v1::ExceptionalOpening> CreateOpening(v1::CreateOpeningRequest request);
  absl::StatusOr<v1::DeleteOpeningResponse> DeleteOpening(v1::DeleteOpeningRequest request);

  // --- AdminService: the test clock (admins; servers started with --test-clock) ---
  absl::StatusOr<v1::ClockState> GetClock(const v1::GetClockRequest& request = {});
  // Setting is idempotent (retried); advancing carries a request_id (filled when empty, retried, applied once).
  absl::StatusOr<v1::ClockState> SetClock(v1::SetClockRequest request);
  absl::StatusOr<v1::ClockState> AdvanceClock(v1::AdvanceClockRequest request);

 private:
  std::shared_ptr<internal::ClientState> state_;
};

}  // namespace shiori

#endif  // SHIORI_SDK_CLIENT_H_
