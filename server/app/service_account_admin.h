// `shiori-admin service-account …` (P10):
//   service-account add NAME --scopes a,b [--cert-cn CN] [--no-key]   prints the API key once
//   service-account list
#ifndef SHIORI_SERVER_APP_SERVICE_ACCOUNT_ADMIN_H_
#define SHIORI_SERVER_APP_SERVICE_ACCOUNT_ADMIN_H_

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace shiori::app {

struct ServiceAccountCommand {
  CLI::App* add = nullptr;
  CLI::App* list = nullptr;
  std::string name;
  std::vector<std::string> scopes;
  std::string cert_cn;
  bool no_key = false;
};

// Adds "service-account" and its subcommands. `command` must outlive the parse.
void AddServiceAccountCommands(CLI::App& cli, ServiceAccountCommand* command);
// After the parse: nullopt when no service-account subcommand was given, else the exit status.
std::optional<int> RunServiceAccountCommand(const ServiceAccountCommand& command, const std::string& state_dir,
                                            const std::string& mysql);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_SERVICE_ACCOUNT_ADMIN_H_
