// The patron's loan commands (B1, B2, B6): `shiori loans`, `shiori renew LOAN [--validate-only]` and
// `shiori history [--on|--off]`. They need a patron login (`shiori login`).
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "commands.h"
#include "text_table.h"
#include "vocabulary.h"

namespace shiori::cli {
namespace {

std::string LoginHint(const absl::Status& status) {
  return status.code() == absl::StatusCode::kUnauthenticated ? "ログインしてください (please log in): shiori login 利用者番号"
                                                             : "";
}

int RunLoans(Context& ctx) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  auto listed = client->ListLoans();
  if (!listed.ok()) return ctx.out().Fail(listed.status(), ctx.globals().server, LoginHint(listed.status()));
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*listed));
    return kExitOk;
  }
  auto& out = ctx.out().text();
  out << "貸出一覧 (loans)\n";
  if (listed->loans().empty()) {
    out << "  (なし none)\n";
    return kExitOk;
  }
  TextTable table({"貸出番号", "タイトル title", "返却期限 due", "予約", "延滞", "延長 renew"});
  table.SetMaxWidth(1, 40);
  for (const auto& l : listed->loans()) {
    table.AddRow({l.loan_id(), l.title(), FormatDate(l.due_date()), l.reserved_by_others() ? "予約あり" : "",
                  l.overdue() ? "延滞" : "", RenewalJa(l.renewal_refusal(), l.renewals_left())});
  }
  table.Print(out, "  ");
  return kExitOk;
}

struct RenewArgs {
  std::string loan;
  bool validate_only = false;
};

int RunRenew(Context& ctx, const RenewArgs& args) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::RenewLoanRequest req;
  req.set_name(args.loan);
  req.set_validate_only(args.validate_only);
  auto renewed = client->RenewLoan(req);
  if (!renewed.ok()) return ctx.out().Fail(renewed.status(), ctx.globals().server, LoginHint(renewed.status()));
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*renewed));
    return kExitOk;
  }
  auto& out = ctx.out().text();
  out << (args.validate_only ? "延長できます（確認のみ） (can be renewed; validate only): "
                             : "延長しました (renewed): ")
      << renewed->title() << "\n";
  out << "  新しい返却期限 new due date: " << FormatDate(renewed->due_date()) << "\n";
  return kExitOk;
}

struct HistoryArgs {
  bool on = false;
  bool off = false;
};

int RunHistory(Context& ctx, const HistoryArgs& args) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  if (args.on || args.off) {
    v1::SetReadingHistoryRequest req;
    req.set_enabled(args.on);
    auto set = client->SetReadingHistory(req);
    if (!set.ok()) return ctx.out().Fail(set.status(), ctx.globals().server, LoginHint(set.status()));
    if (ctx.out().json()) {
      ctx.out().Json(ProtoJson(*set));
    } else if (set->enabled()) {
      ctx.out().text() << "読書履歴を記録します。これから借りる資料が対象です (reading history on, for loans from now)\n";
    } else {
      ctx.out().text() << "読書履歴を記録しません。記録は削除しました (reading history off; kept history deleted)\n";
    }
    return kExitOk;
  }
  // Every page, one after the other (a history is a few hundred loans at most).
  absl::StatusOr<v1::ListLoansResponse> listed = v1::ListLoansResponse();
  v1::ListReadingHistoryRequest page;
  page.set_page_size(100);
  do {
    auto next = client->ListReadingHistory(page);
    if (!next.ok()) return ctx.out().Fail(next.status(), ctx.globals().server, LoginHint(next.status()));
    for (auto& l : *next->mutable_loans()) *listed->add_loans() = std::move(l);
    page.set_page_token(next->next_page_token());
  } while (!page.page_token().empty());
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*listed));
    return kExitOk;
  }
  auto& out = ctx.out().text();
  out << "読書履歴 (reading history)\n";
  if (listed->loans().empty()) {
    out << "  (なし none — 記録するには shiori history --on)\n";
    return kExitOk;
  }
  TextTable table({"タイトル title", "貸出日時", "返却日時"});
  table.SetMaxWidth(0, 40);
  for (const auto& l : listed->loans()) {
    table.AddRow({l.title(), FormatTimestamp(l.loan_time()), FormatTimestamp(l.return_time())});
  }
  table.Print(out, "  ");
  return kExitOk;
}

}  // namespace

void AddLoanCommands(CLI::App& app, Context& ctx) {
  auto* loans = app.add_subcommand("loans", "貸出一覧 (your loans: due date, 予約あり, 延滞)");
  loans->callback([&ctx] { ctx.set_exit_code(RunLoans(ctx)); });

  auto renew_args = std::make_shared<RenewArgs>();
  auto* renew = app.add_subcommand("renew", "貸出期間を延長する (renew a loan, once, 3 weeks from today)");
  renew->add_option("loan", renew_args->loan, "貸出番号 (loans/ID or ID)")->required();
  renew->add_flag("--validate-only", renew_args->validate_only, "延長できるか確かめるだけ (check only)");
  renew->callback([&ctx, renew_args] { ctx.set_exit_code(RunRenew(ctx, *renew_args)); });

  auto history_args = std::make_shared<HistoryArgs>();
  auto* history = app.add_subcommand("history", "読書履歴 (your reading history; off unless you switch it on)");
  auto* on = history->add_flag("--on", history_args->on, "記録する (keep a history of loans from now on)");
  auto* off = history->add_flag("--off", history_args->off, "記録しない・削除する (stop and delete the history)");
  on->excludes(off);
  history->callback([&ctx, history_args] { ctx.set_exit_code(RunHistory(ctx, *history_args)); });
}

}  // namespace shiori::cli
