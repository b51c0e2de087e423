// Domain errors as absl::Status: a canonical code plus the google.rpc details of architecture.md
// (ErrorInfo reason + metadata, BadRequest field violations, LocalizedMessage in Japanese), carried as
// status payloads so every layer can build them and api/ turns them into one grpc::Status.
#ifndef SHIORI_SERVER_COMMON_ERROR_H_
#define SHIORI_SERVER_COMMON_ERROR_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace shiori {

inline constexpr absl::string_view kErrorDomain = "shiori.library";
inline constexpr absl::string_view kErrorInfoUrl = "type.googleapis.com/google.rpc.ErrorInfo";
inline constexpr absl::string_view kBadRequestUrl = "type.googleapis.com/google.rpc.BadRequest";
inline constexpr absl::string_view kLocalizedMessageUrl = "type.googleapis.com/google.rpc.LocalizedMessage";

// Builds a refusal or a bad-input error:
//   return Error(absl::StatusCode::kFailedPrecondition, "HOLD_LIMIT_REACHED", "予約は10件までです")
//       .Rule("R3").Meta("limit", "10").Meta("current", "10");
class Error {
 public:
  Error(absl::StatusCode code, std::string reason, std::string message_ja);

  Error& Rule(absl::string_view rule_id);  // adds metadata rule=<id>
  Error& Meta(std::string key, std::string value);
  // A field violation for google.rpc.BadRequest.
  Error& Field(std::string field, std::string description);
  // The English message of the status (defaults to the reason).
  Error& English(std::string message);

  absl::Status status() const;
  operator absl::Status() const { return status(); }  // NOLINT: meant to be returned directly

 private:
  absl::StatusCode code_;
  std::string reason_;
  std::string message_ja_;
  std::string message_en_;
  std::vector<std::pair<std::string, std::string>> metadata_;
  std::vector<std::pair<std::string, std::string>> fields_;
};

// Shorthands for the most common shapes. A bad field is INVALID_ARGUMENT naming it; where a rule decides what
// the field may hold, say which: `return InvalidField("pickup_library", "…").Rule("R2");`.
Error InvalidField(absl::string_view field, absl::string_view description,
                   absl::string_view reason = "INVALID_ARGUMENT");
absl::Status NotFoundError(absl::string_view what, absl::string_view name);
// OK, or INVALID_ARGUMENT (TEXT_TOO_LONG) naming `field` when `value` has more than `max_chars` characters: the
// limit of the column that keeps it, counted as the database counts (characters, not bytes).
absl::Status CheckLength(absl::string_view field, absl::string_view value, size_t max_chars);

// The ErrorInfo reason of a status built by Error, or "" when it has none.
std::string ReasonOf(const absl::Status& status);
// A metadata value of the ErrorInfo of a status, or "".
std::string MetadataOf(const absl::Status& status, absl::string_view key);
// The fields named by the BadRequest detail of a status, in order.
std::vector<std::string> FieldsOf(const absl::Status& status);
// `status` with its field violations of `from` renamed `to`: a rule's check names its own field
// (`patron_number`); the API that hands it a request's field (`name`) says which the caller sent.
absl::Status RenameField(absl::Status status, absl::string_view from, absl::string_view to);

}  // namespace shiori

#endif  // SHIORI_SERVER_COMMON_ERROR_H_
