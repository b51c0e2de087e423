// See shiori/grpc_status.h.
#include "shiori/grpc_status.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "shiori/error_details.h"

namespace shiori {
namespace {

bool IsJapanese(const std::string& serialized_localized_message) {
  google::rpc::LocalizedMessage msg;
  return msg.ParseFromString(serialized_localized_message) && absl::StartsWith(msg.locale(), "ja");
}

}  // namespace

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  // grpc::StatusCode and absl::StatusCode both follow google.rpc.Code.
  absl::Status out(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  if (status.error_details().empty()) return out;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return out;
  for (const auto& any : details.details()) {
    const std::string& url = any.type_url();
    if (url.empty()) continue;
    auto existing = out.GetPayload(url);
    if (existing.has_value()) {
      bool replace = url == kLocalizedMessageUrl && !IsJapanese(std::string(*existing)) && IsJapanese(any.value());
      if (!replace) continue;
    }
    out.SetPayload(url, absl::Cord(any.value()));
  }
  return out;
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(std::string(status.message()));
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    auto* any = details.add_details();
    any->set_type_url(std::string(url));
    any->set_value(std::string(payload));
  });
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()),
                      details.SerializeAsString());
}

}  // namespace shiori
