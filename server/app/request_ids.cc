// See request_ids.h.
#include "server/app/request_ids.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/common/error.h"

namespace shiori::app {

absl::Status CheckRequestId(absl::string_view request_id) {
  if (request_id.size() > 64) return InvalidField("request_id", "at most 64 characters");
  for (char c : request_id) {
    if (!absl::ascii_isgraph(static_cast<unsigned char>(c))) {
      return InvalidField("request_id", "visible ASCII characters only, no spaces (a UUID)");
    }
  }
  return absl::OkStatus();
}

absl::Status RequestIdReused(absl::string_view what_differs) {
  return Error(absl::StatusCode::kInvalidArgument, "REQUEST_ID_REUSED",
               "この request_id は別の依頼に使われています。新しい request_id でお試しください")
      .Field("request_id", absl::StrCat("already used for a call with another ", what_differs))
      .Meta("differs", std::string(what_differs))
      .English(absl::StrCat("request_id was already used for a call with another ", what_differs));
}

}  // namespace shiori::app
