// See status_mapping.h.
#include "server/api/status_mapping.h"

#include <cstdio>

#include "absl/strings/ascii.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "server/common/error.h"

namespace shiori::api {
namespace {

void AddDetail(google::rpc::Status& out, const absl::Status& in, absl::string_view url) {
  auto payload = in.GetPayload(url);
  if (!payload.has_value()) return;
  auto* any = out.add_details();
  any->set_type_url(std::string(url));
  any->set_value(std::string(*payload));
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  absl::Status s = status;
  std::string message(s.message());
  if (s.code() == absl::StatusCode::kInternal || s.code() == absl::StatusCode::kUnknown) {
    std::fprintf(stderr, "shiori-server: internal error: %s\n", s.ToString().c_str());
    message = "internal error";
  }
  google::rpc::Status rpc;
  rpc.set_code(static_cast<int>(s.code()));
  rpc.set_message(message);
  if (!s.GetPayload(kErrorInfoUrl).has_value()) {
    google::rpc::ErrorInfo info;
    info.set_reason(absl::AsciiStrToUpper(absl::StatusCodeToString(s.code())));
    info.set_domain(std::string(kErrorDomain));
    auto* any = rpc.add_details();
    any->set_type_url(std::string(kErrorInfoUrl));
    any->set_value(info.SerializeAsString());
  } else {
    AddDetail(rpc, s, kErrorInfoUrl);
  }
  AddDetail(rpc, s, kBadRequestUrl);
  AddDetail(rpc, s, kLocalizedMessageUrl);
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()), message, rpc.SerializeAsString());
}

}  // namespace shiori::api
