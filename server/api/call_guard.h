// Every RPC handler runs through CallGuard: resolve the caller from the call's metadata (a bearer session
// token), check the access table, run the use case, and map its status — so authorisation and error mapping
// happen in one place.
#ifndef SHIORI_SERVER_API_CALL_GUARD_H_
#define SHIORI_SERVER_API_CALL_GUARD_H_

#include <grpcpp/server_context.h>

#include <functional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"

namespace shiori::api {

grpc::Status CallGuard(const app::ServiceContext& ctx, grpc::ServerContext* call, absl::string_view full_method,
                       const std::function<absl::Status(const app::Caller&)>& body);

// The bearer token of the call's `authorization` metadata, or "".
std::string BearerToken(const grpc::ServerContext* call);

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_CALL_GUARD_H_
