// Requests that are not a valid message of their method get a clear refusal, not gRPC's bare INTERNAL.
// gRPC parses a request before any Shiori code runs; when protobuf refuses it (a text field that is not UTF-8,
// or bytes that are no message at all) the call would end INTERNAL with an empty message. This interceptor
// answers such a call INVALID_ARGUMENT with the usual details: reason INVALID_UTF8 naming the field, or
// REQUEST_UNPARSABLE.
#ifndef SHIORI_SERVER_API_UNPARSABLE_REQUEST_H_
#define SHIORI_SERVER_API_UNPARSABLE_REQUEST_H_

#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <vector>

namespace shiori::api {

// The interceptor factories to give to ServerBuilder::experimental().SetInterceptorCreators. The first call
// also installs protobuf's log handler that tells which field held the invalid UTF-8 (protobuf reports it
// only in its log); every other protobuf log line is printed as before.
std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> UnparsableRequestInterceptors();

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_UNPARSABLE_REQUEST_H_
