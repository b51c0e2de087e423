// See copy_routing.h.
#include "server/app/copy_routing.h"

namespace shiori::app {

absl::Status PassCopyOn(const ServiceContext& ctx, store::Tx& tx, int64_t copy_id, absl::Time now) {
  (void)ctx;
  (void)now;
  // Free the copy; it waits where it is (on the shelf of its current library) and the pull list and check-in
  // routing of circulation serve the next reservation from there.
  return tx
      .Execute(
          "UPDATE copy SET reservation_id = NULL, status = IF(status = 4, 1, status) WHERE id = ?", {copy_id})
      .status();
}

}  // namespace shiori::app
