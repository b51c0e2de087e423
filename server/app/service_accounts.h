// Service accounts of other municipal systems (P10): created by an admin (shiori-admin service-account add),
// they authenticate with an API key (metadata `x-api-key`; only its hash is stored) or with a TLS client
// certificate whose common name is registered, and may call only what their scopes allow.
#ifndef SHIORI_SERVER_APP_SERVICE_ACCOUNTS_H_
#define SHIORI_SERVER_APP_SERVICE_ACCOUNTS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/app/caller.h"
#include "server/common/clock.h"
#include "server/store/database.h"
#include "server/store/service_account_store.h"

namespace shiori::app {

// The scopes a service account can be granted (P10): those the access table asks for (api/access_table.cc;
// its test checks that every scope there is one of these).
inline constexpr const char* kServiceScopes[] = {"catalog.read", "patrons.read", "patrons.category.write"};

struct NewServiceAccount {
  std::string name;                // [a-z0-9-], 1–64 characters
  std::vector<std::string> scopes;  // e.g. patrons.read, catalog.read
  std::string cert_common_name;    // optional: accept this client certificate
  bool with_api_key = true;
};

struct CreatedServiceAccount {
  int64_t id = 0;
  std::string api_key;  // shown once, "" without with_api_key
};

// INVALID_ARGUMENT for a bad name or scope, or neither key nor certificate; ALREADY_EXISTS for a taken name or
// common name. Writes an audit entry as `actor`.
absl::StatusOr<CreatedServiceAccount> CreateServiceAccount(store::Database& db, const Clock& clock,
                                                           const NewServiceAccount& account,
                                                           const std::string& actor);

// The caller of an API key. UNAUTHENTICATED API_KEY_INVALID for an unknown or disabled key.
absl::StatusOr<Caller> AuthenticateApiKey(store::Database& db, const std::string& api_key);
// The caller of a verified client certificate's common name; nullopt when no enabled account has it (the call
// then goes on as whoever its token says).
absl::StatusOr<std::optional<Caller>> AuthenticateCertificate(store::Database& db, const std::string& common_name);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_SERVICE_ACCOUNTS_H_
