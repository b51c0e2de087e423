// See status_mapping.h.
#include "server/api/status_mapping.h"

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "server/common/error.h"
#include "server/common/utf8_chars.h"

namespace shiori::api {
namespace {

// An error repeats what was sent (a name, a value) to say what is wrong with it. Repeated whole, a long value
// would make the reply's trailers larger than a client accepts (gRPC's default limit is 8 KiB), and the caller
// would get neither the code nor the reason: every text of the reply is cut to this many bytes.
constexpr size_t kMaxText = 240;

void Clip(std::string& text) {
  if (text.size() <= kMaxText) return;
  text = absl::StrCat(Utf8Prefix(text, kMaxText), "…");  // not inside a character
}

template <typename Detail>
void AddDetail(google::rpc::Status& out, const absl::Status& in, absl::string_view url,
               void (*clip)(Detail&)) {
  auto payload = in.GetPayload(url);
  if (!payload.has_value()) return;
  Detail detail;
  if (!detail.ParseFromString(std::string(*payload))) return;
  clip(detail);
  auto* any = out.add_details();
  any->set_type_url(std::string(url));
  any->set_value(detail.SerializeAsString());
}

void ClipInfo(google::rpc::ErrorInfo& info) {
  for (auto& [key, value] : *info.mutable_metadata()) Clip(value);
}

void ClipBadRequest(google::rpc::BadRequest& bad) {
  for (auto& v : *bad.mutable_field_violations()) {
    Clip(*v.mutable_field());
    Clip(*v.mutable_description());
  }
}

void ClipLocalized(google::rpc::LocalizedMessage& localized) { Clip(*localized.mutable_message()); }

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  absl::Status s = status;
  std::string message(s.message());
  if (s.code() == absl::StatusCode::kInternal || s.code() == absl::StatusCode::kUnknown) {
    std::fprintf(stderr, "shiori-server: internal error: %s\n", s.ToString().c_str());
    message = "internal error";
  }
  Clip(message);
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
    AddDetail<google::rpc::ErrorInfo>(rpc, s, kErrorInfoUrl, ClipInfo);
  }
  AddDetail<google::rpc::BadRequest>(rpc, s, kBadRequestUrl, ClipBadRequest);
  AddDetail<google::rpc::LocalizedMessage>(rpc, s, kLocalizedMessageUrl, ClipLocalized);
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()), message, rpc.SerializeAsString());
}

}  // namespace shiori::api
