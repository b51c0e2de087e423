// See shiori/error_details.h.
#include "shiori/error_details.h"

#include "google/rpc/error_details.pb.h"

namespace shiori {
namespace {

template <typename Message>
bool PayloadOf(const absl::Status& status, absl::string_view url, Message* out) {
  auto payload = status.GetPayload(url);
  return payload.has_value() && out->ParseFromString(std::string(*payload));
}

}  // namespace

std::string ErrorReason(const absl::Status& status) {
  google::rpc::ErrorInfo info;
  return PayloadOf(status, kErrorInfoUrl, &info) ? info.reason() : "";
}

std::string ErrorDomain(const absl::Status& status) {
  google::rpc::ErrorInfo info;
  return PayloadOf(status, kErrorInfoUrl, &info) ? info.domain() : "";
}

std::string ErrorMetadata(const absl::Status& status, absl::string_view key) {
  google::rpc::ErrorInfo info;
  if (!PayloadOf(status, kErrorInfoUrl, &info)) return "";
  auto it = info.metadata().find(std::string(key));
  return it == info.metadata().end() ? "" : it->second;
}

std::map<std::string, std::string> ErrorMetadataMap(const absl::Status& status) {
  google::rpc::ErrorInfo info;
  if (!PayloadOf(status, kErrorInfoUrl, &info)) return {};
  return {info.metadata().begin(), info.metadata().end()};
}

std::string LocalizedMessage(const absl::Status& status) {
  google::rpc::LocalizedMessage msg;
  return PayloadOf(status, kLocalizedMessageUrl, &msg) ? msg.message() : "";
}

std::vector<FieldViolation> FieldViolations(const absl::Status& status) {
  google::rpc::BadRequest bad;
  if (!PayloadOf(status, kBadRequestUrl, &bad)) return {};
  std::vector<FieldViolation> out;
  for (const auto& v : bad.field_violations()) out.push_back({v.field(), v.description()});
  return out;
}

}  // namespace shiori
