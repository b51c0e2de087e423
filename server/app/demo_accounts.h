// The demo accounts listed in the README (patrons 0000001–0000005, staff s0001/s0002, admin a0001). Loaded only
// when asked for (shiori-admin demo-accounts, which tools/run calls on first start); a production start has none.
// Idempotent: existing accounts are left as they are.
#ifndef SHIORI_SERVER_APP_DEMO_ACCOUNTS_H_
#define SHIORI_SERVER_APP_DEMO_ACCOUNTS_H_

#include "absl/status/statusor.h"
#include "server/app/service_context.h"

namespace shiori::app {

// Returns the number of accounts created.
absl::StatusOr<int> CreateDemoAccounts(const ServiceContext& ctx);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_DEMO_ACCOUNTS_H_
