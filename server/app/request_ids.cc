// See request_ids.h.
#include "server/app/request_ids.h"

#include "absl/strings/ascii.h"
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

}  // namespace shiori::app
