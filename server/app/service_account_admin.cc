// See service_account_admin.h.
#include "server/app/service_account_admin.h"

#include <cstdio>

#include "absl/strings/str_join.h"
#include "server/app/service_accounts.h"
#include "server/common/clock.h"
#include "server/store/database_location.h"
#include "server/store/service_account_store.h"

namespace shiori::app {

void AddServiceAccountCommands(CLI::App& cli, ServiceAccountCommand* c) {
  auto* group = cli.add_subcommand("service-account", "accounts of other municipal systems (P10)");
  group->require_subcommand(1);
  c->add = group->add_subcommand("add", "create one; prints its API key once");
  c->add->add_option("name", c->name, "account name (a-z, 0-9, -, _)")->required();
  c->add->add_option("--scopes", c->scopes, "scopes, comma-separated (patrons.read,catalog.read …)")
      ->required()
      ->delimiter(',');
  c->add->add_option("--cert-cn", c->cert_cn, "accept the TLS client certificate with this common name");
  c->add->add_flag("--no-key", c->no_key, "no API key: the certificate only");
  c->list = group->add_subcommand("list", "list the accounts (never their keys)");
}

std::optional<int> RunServiceAccountCommand(const ServiceAccountCommand& c, const std::string& state_dir,
                                            const std::string& mysql) {
  if (c.add == nullptr || (!c.add->parsed() && !c.list->parsed())) return std::nullopt;
  auto opened = store::OpenDatabase(state_dir, mysql, 2, store::StateDirUse::kExisting);
  if (!opened.ok()) {
    std::fprintf(stderr, "shiori-admin: %s\n", std::string(opened.status().message()).c_str());
    return 1;
  }
  if (c.add->parsed()) {
    SystemClock clock;
    auto created = CreateServiceAccount(*(*opened)->db, clock,
                                        NewServiceAccount{c.name, c.scopes, c.cert_cn, !c.no_key}, "shiori-admin");
    if (!created.ok()) {
      std::fprintf(stderr, "shiori-admin: %s\n", std::string(created.status().message()).c_str());
      return 1;
    }
    std::printf("service account %s created (scopes %s)\n", c.name.c_str(), absl::StrJoin(c.scopes, ",").c_str());
    if (!created->api_key.empty()) {
      std::printf("api key (shown only now; send it as x-api-key): %s\n", created->api_key.c_str());
    }
    return 0;
  }
  absl::Status s = (*opened)->db->WithConnection([&](store::Tx& tx) -> absl::Status {
    auto rows = store::ListServiceAccounts(tx);
    if (!rows.ok()) return rows.status();
    for (const auto& r : *rows) {
      std::printf("%s\tscopes=%s\tkey=%s\tcert_cn=%s%s\n", r.name.c_str(), absl::StrJoin(r.scopes, ",").c_str(),
                  r.api_key_hash.empty() ? "no" : "yes", r.cert_common_name.c_str(), r.disabled ? "\tdisabled" : "");
    }
    return absl::OkStatus();
  });
  if (!s.ok()) {
    std::fprintf(stderr, "shiori-admin: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  return 0;
}

}  // namespace shiori::app
