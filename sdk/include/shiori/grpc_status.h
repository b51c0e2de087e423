// Conversion between grpc::Status and absl::Status that keeps the rich error model: the canonical code, the
// message, and each detail of the google.rpc.Status (ErrorInfo, BadRequest, LocalizedMessage …) as an
// absl::Status payload keyed by its type URL. Read the details with shiori/error_details.h.
#ifndef SHIORI_SDK_GRPC_STATUS_H_
#define SHIORI_SDK_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace shiori {

// OK stays OK. Details whose type URL repeats keep the first one, except that a LocalizedMessage in Japanese
// wins over one in another locale. Unparseable error_details are dropped; code and message survive.
absl::Status FromGrpcStatus(const grpc::Status& status);

// The inverse, for fakes and tests: every payload becomes one google.protobuf.Any of the google.rpc.Status.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace shiori

#endif  // SHIORI_SDK_GRPC_STATUS_H_
