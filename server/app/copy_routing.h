// Where a copy goes when it becomes free (R9, R12, R14): to the first waiting reservation of its title that
// the rules allow — secured here, or sent in transit to the pickup library — else home, or back on the shelf.
#ifndef SHIORI_SERVER_APP_COPY_ROUTING_H_
#define SHIORI_SERVER_APP_COPY_ROUTING_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/app/service_context.h"
#include "server/store/database.h"

namespace shiori::app {

// Releases the copy from the reservation it was held for and routes it on, inside the caller's transaction.
// The copy stays where it physically is (its current library).
absl::Status PassCopyOn(const ServiceContext& ctx, store::Tx& tx, int64_t copy_id, absl::Time now);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_COPY_ROUTING_H_
