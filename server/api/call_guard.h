// Every RPC handler runs through CallGuard: resolve the caller from the call (an `x-api-key` of a service
// account, a bearer session token, or the verified TLS client certificate of a service account), check the
// access table, run the use case, write the audit entry of a staff, admin or service call (P10), and map the
// status — so authentication, authorisation, auditing and error mapping happen in one place.
#ifndef SHIORI_SERVER_API_CALL_GUARD_H_
#define SHIORI_SERVER_API_CALL_GUARD_H_

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"

namespace shiori::api {

grpc::Status CallGuard(const app::ServiceContext& ctx, grpc::ServerContext* call, absl::string_view full_method,
                       const std::function<absl::Status(const app::Caller&)>& body);
// The same, naming the resource the call is about in the audit entry: `copies/BARCODE` for a request with a
// barcode (a desk's scan), else the request's first non-empty string field among name, patron, record,
// reservation, loan, patron_number; control characters in it written as \xHH.
grpc::Status CallGuard(const app::ServiceContext& ctx, grpc::ServerContext* call, absl::string_view full_method,
                       const google::protobuf::Message& request,
                       const std::function<absl::Status(const app::Caller&)>& body);

// Who is calling, before authorisation: a service account by `x-api-key` (UNAUTHENTICATED API_KEY_INVALID for
// a wrong key), else the session of the bearer token (a stale token on an open method is an anonymous call),
// else a service account by the client certificate's common name, else anonymous.
absl::StatusOr<app::Caller> ResolveCaller(const app::ServiceContext& ctx, grpc::ServerContext* call,
                                          absl::string_view full_method);

// The bearer token of the call's `authorization` metadata, or "".
std::string BearerToken(const grpc::ServerContext* call);
// The `x-api-key` metadata, or "".
std::string ApiKey(const grpc::ServerContext* call);
// The common name of the peer's verified TLS client certificate, or "".
std::string ClientCertificateCommonName(const grpc::ServerContext* call);

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_CALL_GUARD_H_
