// See admin_service.h.
#include "server/api/admin_service.h"

#include "server/api/call_guard.h"
#include "server/api/proto_mapping.h"
#include "server/common/clock.h"

namespace shiori::api {
namespace {

void ToClockState(const app::ClockReading& r, v1::ClockState* out) {
  out->set_now(ToRfc3339(r.now));
  ToDate(r.today, out->mutable_today());
  out->set_now_tokyo(absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", r.now, TokyoZone()));
  out->set_test_clock(r.test_clock);
}

}  // namespace

grpc::Status AdminService::GetClock(grpc::ServerContext* call, const v1::GetClockRequest* req, v1::ClockState* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.AdminService/GetClock", *req, [&](const app::Caller&) -> absl::Status {
    ToClockState(clock_.Get(), resp);
    return absl::OkStatus();
  });
}

grpc::Status AdminService::SetClock(grpc::ServerContext* call, const v1::SetClockRequest* req, v1::ClockState* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.AdminService/SetClock", *req, [&](const app::Caller& caller) -> absl::Status {
    auto r = clock_.Set(caller, req->time(), req->validate_only());
    if (!r.ok()) return r.status();
    ToClockState(*r, resp);
    return absl::OkStatus();
  });
}

grpc::Status AdminService::AdvanceClock(grpc::ServerContext* call, const v1::AdvanceClockRequest* req,
                                        v1::ClockState* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.AdminService/AdvanceClock", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto r = clock_.Advance(caller, req->duration(), req->request_id(), req->validate_only());
                     if (!r.ok()) return r.status();
                     ToClockState(*r, resp);
                     return absl::OkStatus();
                   });
}

}  // namespace shiori::api
