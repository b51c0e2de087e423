// See patron_service.h.
#include "server/api/patron_service.h"

#include "server/api/call_guard.h"
#include "server/api/proto_mapping.h"
#include "server/app/sessions.h"

namespace shiori::api {

grpc::Status PatronService::Login(grpc::ServerContext* call, const v1::LoginRequest* req, v1::LoginResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.PatronService/Login", [&](const app::Caller& caller) -> absl::Status {
    auto result = app::PatronLogin(ctx_, req->patron_number(), req->password(), req->channel(), caller.peer);
    if (!result.ok()) return result.status();
    resp->set_session_token(result->token);
    ToPatron(result->patron, resp->mutable_patron());
    resp->set_idle_timeout_seconds(result->idle_timeout_seconds);
    return absl::OkStatus();
  });
}

grpc::Status PatronService::Logout(grpc::ServerContext* call, const v1::LogoutRequest*, v1::LogoutResponse*) {
  return CallGuard(ctx_, call, "/shiori.v1.PatronService/Logout",
                   [&](const app::Caller& caller) { return app::Logout(ctx_, caller); });
}

}  // namespace shiori::api
