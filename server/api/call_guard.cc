// See call_guard.h.
#include "server/api/call_guard.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "server/api/access_table.h"
#include "server/api/status_mapping.h"
#include "server/app/sessions.h"

namespace shiori::api {

std::string BearerToken(const grpc::ServerContext* call) {
  const auto& md = call->client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) return "";
  absl::string_view v(it->second.data(), it->second.size());
  if (v.size() > 7 && absl::EqualsIgnoreCase(v.substr(0, 7), "bearer ")) {
    return std::string(absl::StripAsciiWhitespace(v.substr(7)));
  }
  return "";
}

grpc::Status CallGuard(const app::ServiceContext& ctx, grpc::ServerContext* call, absl::string_view full_method,
                       const std::function<absl::Status(const app::Caller&)>& body) {
  app::Caller caller;
  std::string token = BearerToken(call);
  if (!token.empty()) {
    auto resolved = app::Authenticate(ctx, token);
    if (resolved.ok()) {
      caller = std::move(*resolved);
    } else {
      // A stale token on an open method is just an anonymous call; anything else reports the session problem.
      const auto& table = AccessTable();
      auto it = table.find(full_method);
      bool open = it != table.end() && it->second.anonymous;
      if (!open || resolved.status().code() != absl::StatusCode::kUnauthenticated) {
        return ToGrpcStatus(resolved.status());
      }
    }
  }
  caller.peer = call->peer();
  absl::Status allowed = Authorize(caller, full_method);
  if (!allowed.ok()) return ToGrpcStatus(allowed);
  return ToGrpcStatus(body(caller));
}

}  // namespace shiori::api
