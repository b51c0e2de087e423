// `shiori`: the patron's command line for the Shiori library service, built on the SDK (shiori/client.h).
// Global options, the command groups, and the exit status contract (exit_code.h).
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "context.h"

namespace {

using shiori::cli::Context;

// Every command group, each in its own commands_<group>.cc.
constexpr void (*kCommandGroups[])(CLI::App&, Context&) = {
    shiori::cli::AddCatalogCommands,
    shiori::cli::AddSessionCommands,
    shiori::cli::AddReservationCommands,
    shiori::cli::AddLoanCommands,
    shiori::cli::AddStaffCommands,
    shiori::cli::AddAccountCommands,
    shiori::cli::AddStaffPatronCommands,  // after AddStaffCommands: it joins their `staff` group
    shiori::cli::AddCalendarCommands,     // after AddStaffCommands too (staff closure …)
    shiori::cli::AddAuditCommands,        // after AddStaffCommands too (staff audit)
};

constexpr const char* kFooter =
    "終了ステータス exit status: 0 成功 ok, 1 サーバーが断った refused by the server, 2 使い方の誤り usage, "
    "3 サーバーに接続できない cannot reach the server.\n"
    "セッション session: $XDG_CONFIG_HOME/shiori/session (or ~/.config/shiori/session).";

bool WantsJson(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) return true;
  }
  return false;
}

// What a parse error says, in Japanese, with the way to the help.
std::string UsageInJapanese(const CLI::ParseError& e, const CLI::App& app, int argc, char** argv) {
  const char* help = "（使い方: shiori --help、shiori コマンド --help）";
  // The words that are no options name the command, group by group (`staff checkin`): name the first that is
  // none of its group's. Past a command without subcommands, the words are its arguments.
  const CLI::App* group = &app;
  std::string path = "shiori";
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.empty() || word[0] == '-') {
      // An option that takes a value (`--server HOST:PORT`) takes the next word too, as CLI11 defines it.
      const CLI::Option* option = group->get_option_no_throw(word);
      if (option == nullptr) option = app.get_option_no_throw(word);
      if (option != nullptr && option->get_items_expected_min() > 0) ++i;
      continue;
    }
    const std::vector<const CLI::App*> subs = group->get_subcommands([](const CLI::App*) { return true; });
    if (subs.empty()) break;
    const CLI::App* found = nullptr;
    for (const CLI::App* sub : subs) {
      if (sub->check_name(word)) found = sub;
    }
    if (found == nullptr) return path + " にそのコマンドはありません: " + word + help;
    group = found;
    path += " " + word;
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) return std::string("必要な指定がありません") + help;
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) return std::string("余分な指定があります") + help;
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) return std::string("値の数が合いません") + help;
  if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr || dynamic_cast<const CLI::ValidationError*>(&e) != nullptr) {
    return std::string("値が正しくありません") + help;
  }
  return std::string("指定が正しくありません") + help;
}

}  // namespace

int main(int argc, char** argv) {
  Context ctx(std::cout, std::cerr);
  auto& g = ctx.globals();

  CLI::App app("shiori — 図書館の資料をさがして予約する (search and reserve at the city library)", "shiori");
  app.footer(kFooter);
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the command: `shiori search 猫 --json`
  app.add_option("--server", g.server, "サーバー server address (host:port)")
      ->envname("SHIORI_SERVER")
      ->capture_default_str();
  app.add_option("--tls-ca", g.tls_ca_file, "TLS: サーバー証明書の CA (PEM); turns TLS on")->check(CLI::ExistingFile);
  app.add_option("--tls-cert", g.tls_cert_file, "mTLS: client certificate (PEM)")->check(CLI::ExistingFile);
  app.add_option("--tls-key", g.tls_key_file, "mTLS: client key (PEM)")->check(CLI::ExistingFile);
  app.add_flag("--json", g.json, "JSON で出力 (one JSON document on stdout)");

  for (auto add : kCommandGroups) add(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    if (WantsJson(argc, argv)) g.json = true;
    // Japanese first, as every message of the command line; CLI11's own text as the English line.
    return ctx.out().Usage(UsageInJapanese(e, app, argc, argv), e.what());
  }
  return ctx.exit_code();
}
