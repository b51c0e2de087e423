// Reading the rich error details of a failed call. Every status a shiori::Client returns keeps the server's
// google.rpc details as absl::Status payloads under their type URLs (kErrorInfoUrl …), serialized as the
// google.rpc messages; these helpers read them without touching protobuf.
//
//   auto r = client.PlaceReservation(req);
//   if (shiori::ErrorReason(r.status()) == "HOLD_LIMIT_REACHED") {
//     std::cerr << shiori::LocalizedMessage(r.status());   // 予約は10件までです
//   }
#ifndef SHIORI_SDK_ERROR_DETAILS_H_
#define SHIORI_SDK_ERROR_DETAILS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace shiori {

inline constexpr absl::string_view kErrorInfoUrl = "type.googleapis.com/google.rpc.ErrorInfo";
inline constexpr absl::string_view kBadRequestUrl = "type.googleapis.com/google.rpc.BadRequest";
inline constexpr absl::string_view kLocalizedMessageUrl = "type.googleapis.com/google.rpc.LocalizedMessage";

// The UPPER_SNAKE reason of the google.rpc.ErrorInfo ("HOLD_LIMIT_REACHED"), or "" when there is none.
std::string ErrorReason(const absl::Status& status);
// The ErrorInfo domain ("shiori.library"), or "".
std::string ErrorDomain(const absl::Status& status);
// One ErrorInfo metadata value ("rule" → "R3", "limit" → "10"), or "" when absent.
std::string ErrorMetadata(const absl::Status& status, absl::string_view key);
// All ErrorInfo metadata, sorted by key; empty when there is no ErrorInfo.
std::map<std::string, std::string> ErrorMetadataMap(const absl::Status& status);
// The text of the google.rpc.LocalizedMessage (Japanese, for patrons), or "".
std::string LocalizedMessage(const absl::Status& status);

// One bad field of a google.rpc.BadRequest.
struct FieldViolation {
  std::string field;        // "pickup_library"
  std::string description;  // what is wrong with it

  friend bool operator==(const FieldViolation&, const FieldViolation&) = default;
};
// The field violations of the google.rpc.BadRequest, in the server's order; empty when there is none.
std::vector<FieldViolation> FieldViolations(const absl::Status& status);

}  // namespace shiori

#endif  // SHIORI_SDK_ERROR_DETAILS_H_
