// The one place where absl::Status becomes grpc::Status (architecture.md "Errors"): the canonical code, the
// message, and a google.rpc.Status in the binary details with the ErrorInfo, BadRequest and LocalizedMessage
// that the lower layers attached. An error without an ErrorInfo gets one (reason = the code's name), so every
// failed call carries a reason. INTERNAL errors are logged with their detail and answered without it.
#ifndef SHIORI_SERVER_API_STATUS_MAPPING_H_
#define SHIORI_SERVER_API_STATUS_MAPPING_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace shiori::api {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_STATUS_MAPPING_H_
