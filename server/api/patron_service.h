// shiori.v1.PatronService: login, sessions and (later) accounts.
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

 private:
  const app::ServiceContext& ctx_;
};

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_PATRON_SERVICE_H_
