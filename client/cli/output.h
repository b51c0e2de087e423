// Where a command's results and errors go: human text in Japanese (with English where it helps) or, with
// --json, one JSON document on stdout. Errors always go to stderr — with --json as a JSON document
// {"error": {...}} — and carry the reason code, the Japanese message, the English message and the bad fields.
#ifndef SHIORI_CLIENT_CLI_OUTPUT_H_
#define SHIORI_CLIENT_CLI_OUTPUT_H_

#include <ostream>
#include <string>

#include <google/protobuf/message.h>
#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "exit_code.h"

namespace shiori::cli {

// A proto message as JSON with the proto field names (snake_case), every field present (zero values too) and
// enums by name: the shape `--json` prints for API messages.
nlohmann::json ProtoJson(const google::protobuf::Message& message);

// The error document of --json for a failed call.
nlohmann::json ErrorJson(const absl::Status& status);

class Output {
 public:
  Output(bool json, std::ostream& out, std::ostream& err) : json_(json), out_(out), err_(err) {}

  bool json() const { return json_; }
  void set_json(bool json) { json_ = json; }
  // Human output; write here only when !json().
  std::ostream& text() { return out_; }

  // The one JSON document of a command.
  void Json(const nlohmann::json& document);

  // Reports a failed call to `server` and returns its exit status (1, or 3 when unreachable).
  // `hint` is printed after the error in human mode (what to do next).
  ExitCode Fail(const absl::Status& status, absl::string_view server, absl::string_view hint = "");
  // Reports a usage or local set-up problem and returns 2.
  ExitCode Usage(absl::string_view message_ja, absl::string_view message_en = "");
  // A note on stderr in human mode only (progress, warnings that are not errors).
  void Note(absl::string_view text);

 private:
  bool json_;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace shiori::cli

#endif  // SHIORI_CLIENT_CLI_OUTPUT_H_
