// `shiori staff audit`: the audit log (P10) — who did what, to what, when and from where — newest first, for an
// admin's staff session. Filters are the API's (exact actor, action or target); the pages are followed up to
// --limit entries.
#include <algorithm>
#include <memory>
#include <string>

#include "commands.h"
#include "text_table.h"
#include "vocabulary.h"

namespace shiori::cli {
namespace {

struct AuditArgs {
  std::string actor, action, target;
  int limit = 50;
};

constexpr int kMaxLimit = 10'000;

std::string AuditHint(const absl::Status& status) {
  if (status.code() == absl::StatusCode::kUnauthenticated) {
    return "管理者の職員IDでログインしてください: shiori staff login 職員ID";
  }
  if (status.code() == absl::StatusCode::kPermissionDenied) {
    return "監査ログは管理者だけが見られます (admins only): shiori staff login 管理者ID";
  }
  return "";
}

int RunAudit(Context& ctx, const AuditArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::ListAuditLogRequest req;
  req.set_actor(a.actor);
  req.set_action(a.action);
  req.set_target(a.target);
  v1::ListAuditLogResponse all;
  do {
    req.set_page_size(std::min(500, a.limit - all.entries_size()));
    auto page = client->ListAuditLog(req);
    if (!page.ok()) return ctx.out().Fail(page.status(), ctx.globals().server, AuditHint(page.status()));
    for (auto& e : *page->mutable_entries()) *all.add_entries() = std::move(e);
    req.set_page_token(page->next_page_token());
    all.set_next_page_token(page->next_page_token());
  } while (!req.page_token().empty() && all.entries_size() < a.limit);
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(all));
    return kExitOk;
  }
  auto& out = ctx.out().text();
  if (all.entries().empty()) {
    out << "記録はありません (no entries)\n";
    return kExitOk;
  }
  TextTable table({"日時 time", "実行者 actor", "操作 action", "対象 target", "詳細 detail", "接続元 peer"});
  table.SetMaxWidth(4, 60);
  for (const auto& e : all.entries()) {
    table.AddRow({FormatTimestamp(e.time()), e.actor(), e.action(), e.target(), e.detail(), e.peer()});
  }
  table.Print(out);
  if (!all.next_page_token().empty()) {
    out << "（新しい順に " << all.entries_size() << " 件まで表示。もっと見るには --limit を増やしてください）\n";
  }
  return kExitOk;
}

}  // namespace

void AddAuditCommands(CLI::App& app, Context& ctx) {
  CLI::App* staff = StaffGroup(app);
  auto args = std::make_shared<AuditArgs>();
  auto* audit = staff->add_subcommand("audit", "監査ログ (the audit log, newest first; admins, P10)");
  audit->add_option("--actor", args->actor, "実行者 (staff:s0001, patron:0000001, service:NAME)");
  audit->add_option("--action", args->action, "操作 (checkout, /shiori.v1.LoanService/Checkout …)");
  audit->add_option("--target", args->target, "対象 (copies/BARCODE, patrons/0000001 …)");
  audit->add_option("--limit", args->limit, "最大件数 (at most this many entries; default 50)")
      ->check(CLI::Range(1, kMaxLimit));
  audit->callback([&ctx, args] { ctx.set_exit_code(RunAudit(ctx, *args)); });
}

}  // namespace shiori::cli
