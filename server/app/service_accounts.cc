// See service_accounts.h.
#include "server/app/service_accounts.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/app/audit_trail.h"
#include "server/auth/secret_token.h"
#include "server/common/error.h"

namespace shiori::app {
namespace {

bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

Caller ServiceCaller(const store::ServiceAccountRow& row) {
  Caller c;
  c.kind = Caller::Kind::kService;
  c.service_name = row.name;
  c.scopes = row.scopes;
  c.channel = v1::SERVICE;
  return c;
}

}  // namespace

absl::StatusOr<CreatedServiceAccount> CreateServiceAccount(store::Database& db, const Clock& clock,
                                                           const NewServiceAccount& a, const std::string& actor) {
  if (a.name.empty() || a.name.size() > 64 || !std::all_of(a.name.begin(), a.name.end(), IsNameChar)) {
    return InvalidField("name", "lower-case letters, digits, - and _, at most 64");
  }
  if (a.scopes.empty()) return InvalidField("scopes", "give at least one scope");
  for (size_t i = 0; i < a.scopes.size(); ++i) {
    const std::string& s = a.scopes[i];
    if (std::find(a.scopes.begin(), a.scopes.begin() + i, s) != a.scopes.begin() + i) {
      return InvalidField("scopes", absl::StrCat("'", s, "' twice")).Rule("P10");
    }
    if (std::find(std::begin(kServiceScopes), std::end(kServiceScopes), s) == std::end(kServiceScopes)) {
      return InvalidField("scopes", absl::StrCat("not a scope: '", s, "' (", absl::StrJoin(kServiceScopes, ", "), ")"))
          .Rule("P10");
    }
  }
  if (!a.with_api_key && a.cert_common_name.empty()) {
    return InvalidField("cert_cn", "give a certificate common name, or let the account have an API key");
  }
  CreatedServiceAccount out;
  store::ServiceAccountRow row;
  row.name = a.name;
  row.scopes = a.scopes;
  row.cert_common_name = a.cert_common_name;
  if (a.with_api_key) {
    auto key = auth::NewSecretToken();
    if (!key.ok()) return key.status();
    out.api_key = *key;
    row.api_key_hash = auth::TokenHash(*key);
  }
  const absl::Time now = clock.Now();
  absl::Status s = db.InTransaction([&](store::Tx& tx) -> absl::Status {
    auto id = store::InsertServiceAccount(tx, row, now);
    if (!id.ok()) return id.status();
    out.id = *id;
    return AuditAs(tx, actor, "", "service_account.create", absl::StrCat("service-accounts/", a.name),
                   absl::StrCat("scopes ", absl::StrJoin(a.scopes, ","),
                                a.cert_common_name.empty() ? "" : absl::StrCat(", cert CN ", a.cert_common_name)),
                   now);
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<Caller> AuthenticateApiKey(store::Database& db, const std::string& api_key) {
  auto invalid = [] {
    return Error(absl::StatusCode::kUnauthenticated, "API_KEY_INVALID", "APIキーが正しくありません")
        .Rule("P10")
        .English("the API key is unknown or disabled");
  };
  if (!auth::IsWellFormedToken(api_key)) return invalid();
  std::optional<store::ServiceAccountRow> row;
  absl::Status s = db.WithConnection([&](store::Tx& tx) -> absl::Status {
    auto found = store::FindServiceAccountByKeyHash(tx, auth::TokenHash(api_key));
    if (!found.ok()) return found.status();
    row = *found;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!row || row->disabled) return invalid();
  return ServiceCaller(*row);
}

absl::StatusOr<std::optional<Caller>> AuthenticateCertificate(store::Database& db, const std::string& common_name) {
  if (common_name.empty()) return std::optional<Caller>();
  std::optional<store::ServiceAccountRow> row;
  absl::Status s = db.WithConnection([&](store::Tx& tx) -> absl::Status {
    auto found = store::FindServiceAccountByCommonName(tx, common_name);
    if (!found.ok()) return found.status();
    row = *found;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!row || row->disabled) return std::optional<Caller>();
  return std::optional<Caller>(ServiceCaller(*row));
}

}  // namespace shiori::app
