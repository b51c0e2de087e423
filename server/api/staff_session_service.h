// shiori.v1.StaffSessionService: staff login at a desk.
#ifndef SHIORI_SERVER_API_STAFF_SESSION_SERVICE_H_
#define SHIORI_SERVER_API_STAFF_SESSION_SERVICE_H_

#include "server/app/service_context.h"
#include "shiori/v1/staff.grpc.pb.h"

namespace shiori::api {

class StaffSessionService final : public v1::StaffSessionService::Service {
 public:
  explicit StaffSessionService(const app::ServiceContext& ctx) : ctx_(ctx) {}
  grpc::Status StaffLogin(grpc::ServerContext* call, const v1::StaffLoginRequest* req,
                          v1::StaffLoginResponse* resp) override;

 private:
  const app::ServiceContext& ctx_;
};

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_STAFF_SESSION_SERVICE_H_
