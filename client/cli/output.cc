// See output.h.
#include "output.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "shiori/error_details.h"

namespace shiori::cli {
namespace {

std::string CodeName(absl::StatusCode code) { return absl::StatusCodeToString(code); }

// The English part of a server message "REASON: text" without the repeated reason.
std::string EnglishOf(const absl::Status& status) {
  std::string message(status.message());
  const std::string reason = ErrorReason(status);
  if (!reason.empty() && absl::StartsWith(message, reason)) {
    message = message.substr(reason.size());
    if (absl::StartsWith(message, ": ")) message = message.substr(2);
  }
  return message;
}

std::string JapaneseFor(const absl::Status& status, absl::string_view server) {
  std::string ja = LocalizedMessage(status);
  if (!ja.empty()) return ja;
  switch (status.code()) {
    case absl::StatusCode::kUnavailable: return absl::StrCat("サーバーに接続できません: ", server);
    // The server was reached (or may have been) but did not answer in time: not "cannot connect".
    case absl::StatusCode::kDeadlineExceeded:
      return absl::StrCat("サーバーの応答が時間内にありませんでした。しばらくしてからお試しください: ", server);
    case absl::StatusCode::kUnauthenticated: return "ログインしていないか、セッションが終了しました";
    case absl::StatusCode::kPermissionDenied: return "この操作は許可されていません";
    case absl::StatusCode::kNotFound: return "見つかりません";
    case absl::StatusCode::kInvalidArgument: return "入力に誤りがあります";
    case absl::StatusCode::kUnimplemented: return "このサーバーはこの操作に対応していません";
    default: return "エラーが発生しました";
  }
}

}  // namespace

nlohmann::json ProtoJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string text;
  if (!google::protobuf::util::MessageToJsonString(message, &text, options).ok()) return nlohmann::json::object();
  return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

nlohmann::json ErrorJson(const absl::Status& status) {
  nlohmann::json error = {
      {"code", CodeName(status.code())},
      {"message", std::string(status.message())},
      {"reason", ErrorReason(status)},
      {"domain", ErrorDomain(status)},
      {"metadata", ErrorMetadataMap(status)},
      {"localized_message", LocalizedMessage(status)},
      {"field_violations", nlohmann::json::array()},
      {"exit_code", static_cast<int>(ExitCodeFor(status))},
  };
  for (const auto& v : FieldViolations(status)) {
    error["field_violations"].push_back({{"field", v.field}, {"description", v.description}});
  }
  return {{"error", error}};
}

void Output::Json(const nlohmann::json& document) {
  // Invalid UTF-8 from the server must not abort the program: replace it.
  out_ << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

ExitCode Output::Fail(const absl::Status& status, absl::string_view server, absl::string_view hint) {
  const ExitCode code = ExitCodeFor(status);
  if (json_) {
    err_ << ErrorJson(status).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return code;
  }
  const std::string reason = ErrorReason(status);
  err_ << "エラー: " << JapaneseFor(status, server) << "\n";
  err_ << "  error: " << (reason.empty() ? CodeName(status.code()) : reason);
  if (!reason.empty() && reason != CodeName(status.code())) err_ << " (" << CodeName(status.code()) << ")";
  const std::string english = EnglishOf(status);
  if (!english.empty()) err_ << ": " << english;
  err_ << "\n";
  auto metadata = ErrorMetadataMap(status);
  if (auto rule = metadata.find("rule"); rule != metadata.end()) {
    err_ << "  規則 rule: " << rule->second << "\n";
    metadata.erase(rule);
  }
  metadata.erase("method");  // the RPC's path: for logs and programs (--json), not for the person at the screen
  if (!metadata.empty()) {
    err_ << "  詳細 details: " << absl::StrJoin(metadata, " ", absl::PairFormatter("=")) << "\n";
  }
  for (const auto& v : FieldViolations(status)) {
    err_ << "  入力の誤り invalid field: " << v.field << " — " << v.description << "\n";
  }
  if (!hint.empty()) {
    err_ << "  " << hint << "\n";
  } else if (code == kExitUnreachable) {
    err_ << "  サーバーが動いているか確かめてください (is the server running? see --server, SHIORI_SERVER)\n";
  }
  return code;
}

ExitCode Output::Usage(absl::string_view message_ja, absl::string_view message_en) {
  if (json_) {
    nlohmann::json error = {{"code", "USAGE"},
                            {"message", std::string(message_en.empty() ? message_ja : message_en)},
                            {"localized_message", std::string(message_ja)},
                            {"exit_code", static_cast<int>(kExitUsage)}};
    err_ << nlohmann::json{{"error", error}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
         << "\n";
  } else {
    err_ << "エラー: " << message_ja << "\n";
    if (!message_en.empty()) err_ << "  error: " << message_en << "\n";
  }
  return kExitUsage;
}

void Output::Note(absl::string_view text) {
  if (!json_) err_ << text << "\n";
}

}  // namespace shiori::cli
