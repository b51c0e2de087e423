// See staff_session_service.h.
#include "server/api/staff_session_service.h"

#include "server/api/call_guard.h"
#include "server/api/proto_mapping.h"
#include "server/app/sessions.h"

namespace shiori::api {

grpc::Status StaffSessionService::StaffLogin(grpc::ServerContext* call, const v1::StaffLoginRequest* req,
                                             v1::StaffLoginResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.StaffSessionService/StaffLogin", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto result = app::StaffLogin(ctx_, req->staff_id(), req->password(), caller.peer);
                     if (!result.ok()) return result.status();
                     resp->set_session_token(result->token);
                     resp->set_staff_id(result->staff.staff_id);
                     resp->set_display_name(result->staff.name);
                     for (const auto& l : result->staff.libraries) resp->add_libraries(LibraryName(l));
                     resp->set_admin(result->staff.is_admin);
                     resp->set_idle_timeout_seconds(result->idle_timeout_seconds);
                     return absl::OkStatus();
                   });
}

}  // namespace shiori::api
