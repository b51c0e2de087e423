// shiori.v1.PatronService: login and sessions, password registration (P4), the patron's own account (P5, P7).
#ifndef SHIORI_SERVER_API_PATRON_SERVICE_H_
#define SHIORI_SERVER_API_PATRON_SERVICE_H_

#include "server/app/service_context.h"
#include "shiori/v1/patron.grpc.pb.h"

namespace shiori::api {

class PatronService final : public v1::PatronService::Service {
 public:
  explicit PatronService(const app::ServiceContext& ctx) : ctx_(ctx) {}
  grpc::Status Login(grpc::ServerContext* call, const v1::LoginRequest* req, v1::LoginResponse* resp) override;
  grpc::Status Logout(grpc::ServerContext* call, const v1::LogoutRequest* req, v1::LogoutResponse* resp) override;
  grpc::Status RegisterPassword(grpc::ServerContext* call, const v1::RegisterPasswordRequest* req,
                                v1::RegisterPasswordResponse* resp) override;
  grpc::Status ConfirmRegistration(grpc::ServerContext* call, const v1::ConfirmRegistrationRequest* req,
                                   v1::ConfirmRegistrationResponse* resp) override;
  grpc::Status ChangePassword(grpc::ServerContext* call, const v1::ChangePasswordRequest* req,
                              v1::ChangePasswordResponse* resp) override;
  grpc::Status GetProfile(grpc::ServerContext* call, const v1::GetProfileRequest* req, v1::Profile* resp) override;
  grpc::Status UpdateProfile(grpc::ServerContext* call, const v1::UpdateProfileRequest* req,
                             v1::Profile* resp) override;
  grpc::Status AddEmailAddress(grpc::ServerContext* call, const v1::AddEmailAddressRequest* req,
                               v1::Profile* resp) override;
  grpc::Status RemoveEmailAddress(grpc::ServerContext* call, const v1::RemoveEmailAddressRequest* req,
                                  v1::Profile* resp) override;
  grpc::Status ConfirmEmailAddress(grpc::ServerContext* call, const v1::ConfirmEmailAddressRequest* req,
                                   v1::ConfirmEmailAddressResponse* resp) override;
  grpc::Status SetHoldNotice(grpc::ServerContext* call, const v1::SetHoldNoticeRequest* req,
                             v1::Profile* resp) override;

 private:
  const app::ServiceContext& ctx_;
};

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_PATRON_SERVICE_H_
