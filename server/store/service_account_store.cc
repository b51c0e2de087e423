// See service_account_store.h.
#include "server/store/service_account_store.h"

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace shiori::store {
namespace {

constexpr char kSelect[] =
    "SELECT id, name, COALESCE(api_key_hash, ''), COALESCE(cert_common_name, ''), scopes, disabled"
    " FROM service_account ";

ServiceAccountRow ToRow(const Row& r) {
  ServiceAccountRow s{r.Int(0), r.Str(1), r.Str(2), r.Str(3), {}, r.Bool(5)};
  for (absl::string_view scope : absl::StrSplit(r.Str(4), ',', absl::SkipWhitespace())) {
    s.scopes.emplace_back(scope);
  }
  return s;
}

absl::StatusOr<std::optional<ServiceAccountRow>> FindWhere(Tx& tx, const char* where, const std::string& key) {
  auto rows = tx.Query(std::string(kSelect) + where, {key});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ServiceAccountRow>();
  return std::optional<ServiceAccountRow>(ToRow(rows->front()));
}

}  // namespace

absl::StatusOr<int64_t> InsertServiceAccount(Tx& tx, const ServiceAccountRow& s, absl::Time now) {
  SqlValue key = TextOrNull(s.api_key_hash);
  SqlValue cn = TextOrNull(s.cert_common_name);
  auto n = tx.Query(
      "INSERT INTO service_account (name, api_key_hash, cert_common_name, scopes, disabled, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {s.name, key, cn, absl::StrJoin(s.scopes, ","), int64_t{s.disabled}, now});
  if (!n.ok()) return n.status();
  return n->front().Int(0);
}

absl::StatusOr<std::optional<ServiceAccountRow>> FindServiceAccountByKeyHash(Tx& tx, const std::string& hash) {
  return FindWhere(tx, "WHERE api_key_hash = ?", hash);
}

absl::StatusOr<std::optional<ServiceAccountRow>> FindServiceAccountByCommonName(Tx& tx, const std::string& cn) {
  return FindWhere(tx, "WHERE cert_common_name = ?", cn);
}

absl::StatusOr<std::vector<ServiceAccountRow>> ListServiceAccounts(Tx& tx) {
  auto rows = tx.Query(std::string(kSelect) + "ORDER BY name");
  if (!rows.ok()) return rows.status();
  std::vector<ServiceAccountRow> out;
  for (const Row& r : *rows) out.push_back(ToRow(r));
  return out;
}

}  // namespace shiori::store
