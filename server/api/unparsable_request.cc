// See unparsable_request.h.
#include "server/api/unparsable_request.h"

#include <google/protobuf/stubs/logging.h>

#include <cstdio>
#include <mutex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/api/status_mapping.h"
#include "server/common/error.h"

namespace shiori::api {
namespace {

// The field protobuf last named in "String field 'shiori.v1.X.query' contains invalid UTF-8 data when parsing",
// on this thread: the synchronous server parses a request on the thread that then runs its interceptors.
thread_local std::string invalid_utf8_field;

void LogHandler(google::protobuf::LogLevel level, const char* filename, int line, const std::string& message) {
  static constexpr absl::string_view kPrefix = "String field '";
  if (absl::StartsWith(message, kPrefix) && absl::StrContains(message, "invalid UTF-8 data when parsing")) {
    absl::string_view rest = absl::string_view(message).substr(kPrefix.size());
    invalid_utf8_field = std::string(rest.substr(0, rest.find('\'')));
    return;  // the caller's mistake, answered as such: not a line in the server's log
  }
  static constexpr const char* kLevels[] = {"INFO", "WARNING", "ERROR", "FATAL"};
  std::fprintf(stderr, "[libprotobuf %s %s:%d] %s\n", kLevels[level], filename, line, message.c_str());
}

// "shiori.v1.SearchCatalogRequest.query" → the field "query" and its message.
absl::Status InvalidUtf8(absl::string_view full_name) {
  const size_t dot = full_name.rfind('.');
  const std::string field(dot == absl::string_view::npos ? full_name : full_name.substr(dot + 1));
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_UTF8", "文字が正しく送られていません（UTF-8 で送ってください）")
      .Field(field, absl::StrCat("text must be UTF-8 (", full_name, ")"))
      .English(absl::StrCat(field, ": text must be UTF-8"));
}

absl::Status Unparsable() {
  return Error(absl::StatusCode::kInvalidArgument, "REQUEST_UNPARSABLE", "要求を読み取れませんでした")
      .Field("request", "not a valid message of this method")
      .English("request: not a valid message of this method");
}

class UnparsableRequest : public grpc::experimental::Interceptor {
 public:
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      if (methods->GetRecvMessage() == nullptr) {
        unparsable_ = true;
        field_ = std::move(invalid_utf8_field);
      }
      invalid_utf8_field.clear();
    }
    if (unparsable_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        methods->GetSendStatus().error_code() == grpc::StatusCode::INTERNAL) {
      methods->ModifySendStatus(ToGrpcStatus(field_.empty() ? Unparsable() : InvalidUtf8(field_)));
    }
    methods->Proceed();
  }

 private:
  bool unparsable_ = false;
  std::string field_;
};

class Factory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo*) override {
    return new UnparsableRequest();
  }
};

}  // namespace

std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> UnparsableRequestInterceptors() {
  static std::once_flag installed;
  std::call_once(installed, [] { google::protobuf::SetLogHandler(&LogHandler); });
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> out;
  out.push_back(std::make_unique<Factory>());
  return out;
}

}  // namespace shiori::api
