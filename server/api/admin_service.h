// shiori.v1.AdminService: administration of a running server — for now the test clock (L3).
#ifndef SHIORI_SERVER_API_ADMIN_SERVICE_H_
#define SHIORI_SERVER_API_ADMIN_SERVICE_H_

#include "server/app/service_context.h"
#include "server/app/test_clock_control.h"
#include "shiori/v1/admin.grpc.pb.h"

namespace shiori::api {

class AdminService final : public v1::AdminService::Service {
 public:
  explicit AdminService(const app::ServiceContext& ctx) : ctx_(ctx), clock_(ctx) {}
  grpc::Status GetClock(grpc::ServerContext* call, const v1::GetClockRequest* req, v1::ClockState* resp) override;
  grpc::Status SetClock(grpc::ServerContext* call, const v1::SetClockRequest* req, v1::ClockState* resp) override;
  grpc::Status AdvanceClock(grpc::ServerContext* call, const v1::AdvanceClockRequest* req,
                            v1::ClockState* resp) override;

 private:
  const app::ServiceContext& ctx_;
  app::TestClockControl clock_;
};

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_ADMIN_SERVICE_H_
