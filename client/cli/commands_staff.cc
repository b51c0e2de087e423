// The staff desk commands (B4, B5, R5, R9–R12, P10): `shiori staff login ID`, then at a library (`--at`,
// default: the staff member's only library) checkout, checkin, receive, force-return, issue-received, and
// the lists pull-list, hold-shelf, calls (with `called RESERVATION`) and transits. The session is kept in the
// same session file as a patron's, with account "staff:ID".
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "commands.h"
#include "shiori/error_details.h"
#include "text_table.h"
#include "vocabulary.h"

namespace shiori::cli {
namespace {

std::string StaffHint(const absl::Status& status) {
  if (status.code() == absl::StatusCode::kUnauthenticated) return "職員としてログインしてください: shiori staff login 職員ID";
  // A staff member refused at a library not theirs is logged in already: the server's message says why.
  if (ErrorReason(status) == "NOT_YOUR_LIBRARY") return "";
  if (status.code() == absl::StatusCode::kPermissionDenied) return "職員のセッションが必要です: shiori staff login 職員ID";
  return "";
}

struct StaffArgs {
  std::string staff_id;
  bool password_stdin = false;
  std::string at;
  std::string patron;
  std::string barcode;
  std::string reason;
  std::string reservation;
  std::string series;
  int issue = 0;
  std::string title;
  bool validate_only = false;
};

int RunStaffLogin(Context& ctx, const StaffArgs& args) {
  auto password = ctx.Password(args.password_stdin, "パスワード (password): ");
  if (!password) return kExitUsage;
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::StaffLoginRequest req;
  req.set_staff_id(args.staff_id);
  req.set_password(*password);
  auto session = client->StaffLogin(req);
  if (!session.ok()) return ctx.out().Fail(session.status(), ctx.globals().server);
  StoredSession stored{ctx.globals().server, session->session_token(), absl::StrCat("staff:", session->staff_id()),
                       session->display_name()};
  if (absl::Status saved = ctx.session_file().Save(stored); !saved.ok()) {
    ctx.out().Fail(saved, ctx.globals().server);
    return kExitRefused;
  }
  if (ctx.out().json()) {
    nlohmann::json doc = ProtoJson(*session);
    doc.erase("session_token");  // kept in the session file, never printed
    ctx.out().Json(doc);
    return kExitOk;
  }
  auto& out = ctx.out().text();
  out << "職員としてログインしました (logged in as staff): " << session->staff_id() << " " << session->display_name()
      << "\n  担当館 libraries:";
  for (const auto& l : session->libraries()) out << " " << ctx.LibraryName(l);
  out << "\n";
  return kExitOk;
}

// Where the copy in staff's hands goes, after the line that says what the scan did.
void PrintWhereTo(Context& ctx, const v1::CopyRouting& r) {
  auto& out = ctx.out().text();
  switch (r.action()) {
    case v1::HOLD_SHELF:
      out << "→ 予約確保棚へ (HOLD_SHELF): 予約 " << ShortId(r.reservation()) << " " << r.patron_number() << " "
          << r.patron_name() << " 様, 取置期限 " << FormatDate(r.pickup_deadline())
          << (r.notify_method() == v1::TELEPHONE ? "  (電話連絡 call list)" : "") << "\n";
      break;
    case v1::SEND_TO:
      out << "→ " << ctx.LibraryName(r.library()) << " へ回送 (SEND_TO " << ShortId(r.library()) << ")"
          << (r.reservation().empty() ? " 所蔵館へ (going home)" : absl::StrCat(" 予約 ", ShortId(r.reservation())))
          << "\n";
      break;
    default:
      out << "→ 書架へ (SHELVE)\n";
  }
  if (!r.instruction().empty()) out << "  " << r.instruction() << "\n";
}

void PrintReturn(Context& ctx, const v1::CopyRouting& r) {
  auto& out = ctx.out().text();
  if (r.has_returned_loan()) {
    out << "返却しました (returned): " << r.title() << (r.returned_late() ? "  ※延滞 (returned late)" : "") << "\n";
  } else {
    // A copy from the pull list, a shelf or a hold shelf: nothing was returned, the copy is routed.
    out << "読み取りました（貸出中ではない資料） (scanned, not on loan): " << r.title() << "\n";
  }
  PrintWhereTo(ctx, r);
}

void PrintReceived(Context& ctx, const v1::CopyRouting& r) {
  ctx.out().text() << "受け取りました (received): " << r.title() << "\n";
  PrintWhereTo(ctx, r);
}

template <typename Response>
int Finish(Context& ctx, const absl::StatusOr<Response>& r, void (*print)(Context&, const Response&)) {
  if (!r.ok()) return ctx.out().Fail(r.status(), ctx.globals().server, StaffHint(r.status()));
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*r));
  } else {
    print(ctx, *r);
  }
  return kExitOk;
}

int RunCheckout(Context& ctx, const StaffArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::CheckoutRequest req;
  req.set_patron_number(a.patron);
  req.set_barcode(a.barcode);
  req.set_library(ctx.ResolveLibrary(a.at));
  req.set_validate_only(a.validate_only);
  return Finish<v1::CheckoutResponse>(ctx, client->Checkout(req), [](Context& c, const v1::CheckoutResponse& r) {
    auto& out = c.out().text();
    // A check only (validate_only) lends nothing: its answer has no loan id.
    const char* what = r.already_on_loan()        ? "すでに貸出中です (already on loan to this patron): "
                       : r.loan().loan_id().empty() ? "貸出できます（確認のみ） (may be lent; nothing was lent): "
                                                    : "貸出しました (lent): ";
    out << what << r.loan().title() << "\n  返却期限 due: " << FormatDate(r.loan().due_date()) << "\n";
    if (!r.fulfilled_reservation().empty()) {
      out << "  予約 " << ShortId(r.fulfilled_reservation())
          << (r.loan().loan_id().empty() ? " の受取になります（確認のみ）\n" : " を受取済にしました\n");
    }
  });
}

int RunCheckin(Context& ctx, const StaffArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::CheckinRequest req;
  req.set_barcode(a.barcode);
  req.set_library(ctx.ResolveLibrary(a.at));
  return Finish<v1::CopyRouting>(ctx, client->Checkin(req), PrintReturn);
}

int RunReceive(Context& ctx, const StaffArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::ReceiveTransitRequest req;
  req.set_barcode(a.barcode);
  req.set_library(ctx.ResolveLibrary(a.at));
  return Finish<v1::CopyRouting>(ctx, client->ReceiveTransit(req), PrintReceived);
}

int RunForceReturn(Context& ctx, const StaffArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::ForceReturnRequest req;
  req.set_barcode(a.barcode);
  req.set_library(ctx.ResolveLibrary(a.at));
  req.set_reason(a.reason);
  return Finish<v1::CopyRouting>(ctx, client->ForceReturn(req), PrintReturn);
}

int RunIssueReceived(Context& ctx, const StaffArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::ReceiveMagazineIssueRequest req;
  req.set_series_title(a.series);
  req.set_issue_number(a.issue);
  req.set_title(a.title);
  req.set_barcode(a.barcode);
  req.set_library(ctx.ResolveLibrary(a.at));
  return Finish<v1::MagazineIssueReceived>(
      ctx, client->ReceiveMagazineIssue(req), [](Context& c, const v1::MagazineIssueReceived& r) {
        auto& out = c.out().text();
        out << "受け入れました (received): " << r.record() << "\n";
        if (!r.former_latest_record().empty()) {
          out << "  前号 " << r.former_latest_record() << " が貸出できるようになりました（予約 "
              << r.former_latest_waiting() << " 件: 取り置きリストを確認してください）\n";
        }
      });
}

// R12, R14: copies whose hold ended while they stood on the hold shelf; scanning one (checkin) shelves it.
void PrintLeftOnShelf(Context& ctx, const v1::ListHoldShelfResponse& r) {
  if (r.left_on_shelf().empty()) return;
  auto& out = ctx.out().text();
  out << "取置解除 — 書架へ戻してください (hold ended: back to the open shelves; scan with checkin)\n";
  TextTable table({"バーコード", "タイトル title", "解除"});
  table.SetMaxWidth(1, 30);
  for (const auto& l : r.left_on_shelf()) table.AddRow({l.barcode(), l.title(), FormatTimestamp(l.since_time())});
  table.Print(out, "  ");
}

void PrintShelf(Context& ctx, const v1::ListHoldShelfResponse& r, bool calls) {
  auto& out = ctx.out().text();
  if (r.entries().empty()) {
    out << "  (なし none)\n";
    PrintLeftOnShelf(ctx, r);
    return;
  }
  TextTable table(calls ? std::vector<std::string>{"予約番号", "利用者", "氏名", "電話", "タイトル title", "取置期限", "連絡済"}
                        : std::vector<std::string>{"予約番号", "利用者", "氏名", "バーコード", "タイトル title", "取置期限", "連絡"});
  table.SetMaxWidth(4, 30);
  for (const auto& e : r.entries()) {
    const auto& res = e.reservation();
    std::string notice = NotifyMethodJa(res.notify_method());
    if (res.notice_failed()) notice += " ※不達";
    table.AddRow({res.reservation_id(), e.patron_number(), e.patron_name(), calls ? e.phone() : e.barcode(),
                  res.title(), FormatDate(res.pickup_deadline()),
                  calls ? (e.called() ? FormatTimestamp(e.called_time()) : "未") : notice});
  }
  table.Print(out, "  ");
  PrintLeftOnShelf(ctx, r);
}

int RunHoldShelf(Context& ctx, const StaffArgs& a, bool calls) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  absl::StatusOr<v1::ListHoldShelfResponse> r;
  if (calls) {
    v1::ListCallsRequest req;
    req.set_library(ctx.ResolveLibrary(a.at));
    r = client->ListCalls(req);
  } else {
    v1::ListHoldShelfRequest req;
    req.set_library(ctx.ResolveLibrary(a.at));
    r = client->ListHoldShelf(req);
  }
  if (!r.ok()) return ctx.out().Fail(r.status(), ctx.globals().server, StaffHint(r.status()));
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*r));
    return kExitOk;
  }
  ctx.out().text() << (calls ? "電話連絡リスト (call list)\n" : "予約確保棚 (hold shelf)\n");
  PrintShelf(ctx, *r, calls);
  return kExitOk;
}

int RunCalled(Context& ctx, const StaffArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::MarkCalledRequest req;
  req.set_name(a.reservation);
  return Finish<v1::HoldShelfEntry>(ctx, client->MarkCalled(req), [](Context& c, const v1::HoldShelfEntry& e) {
    c.out().text() << "連絡済にしました (marked as called): 予約 " << e.reservation().reservation_id() << " "
                   << e.patron_name() << " 様\n";
  });
}

int RunPullList(Context& ctx, const StaffArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::ListPullListRequest req;
  req.set_library(ctx.ResolveLibrary(a.at));
  return Finish<v1::ListPullListResponse>(ctx, client->ListPullList(req), [](Context& c, const v1::ListPullListResponse& r) {
    auto& out = c.out().text();
    out << "取り置きリスト (pull list: fetch and scan with `shiori staff checkin`)\n";
    if (r.entries().empty()) {
      out << "  (なし none)\n";
      return;
    }
    TextTable table({"バーコード", "タイトル title", "予約数", "先頭の受取館", "場所"});
    table.SetMaxWidth(1, 40);
    for (const auto& e : r.entries()) {
      table.AddRow({e.barcode(), e.title(), absl::StrCat(e.waiting()), c.LibraryName(e.pickup_library()),
                    e.on_hold_shelf() ? "予約確保棚 (hold shelf)" : "書架"});
    }
    table.Print(out, "  ");
  });
}

int RunTransits(Context& ctx, const StaffArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::ListTransitsRequest req;
  req.set_library(ctx.ResolveLibrary(a.at));
  return Finish<v1::ListTransitsResponse>(ctx, client->ListTransits(req), [](Context& c, const v1::ListTransitsResponse& r) {
    auto& out = c.out().text();
    auto print = [&](const char* heading, const auto& list) {
      out << heading << "\n";
      if (list.empty()) {
        out << "  (なし none)\n";
        return;
      }
      TextTable table({"バーコード", "タイトル title", "発送館 from", "到着館 to", "予約"});
      table.SetMaxWidth(1, 40);
      for (const auto& t : list) {
        table.AddRow({t.barcode(), t.title(), c.LibraryName(t.from_library()), c.LibraryName(t.to_library()),
                      t.reservation().empty() ? "(返送)" : ShortId(t.reservation())});
      }
      table.Print(out, "  ");
    };
    print("回送中・発送 (outgoing)", r.outgoing());
    print("回送中・到着予定 (expected)", r.expected());
  });
}

}  // namespace

CLI::App* StaffGroup(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App* s) { return s->get_name() == "staff"; })) return sub;
  return app.add_subcommand("staff", "職員の業務 (staff desk: checkout, checkin, transit, lists)");
}

void AddStaffCommands(CLI::App& app, Context& ctx) {
  auto* staff = StaffGroup(app);
  staff->require_subcommand(1);
  auto add = [&](const char* name, const char* help, int (*run)(Context&, const StaffArgs&)) {
    auto args = std::make_shared<StaffArgs>();
    auto* sub = staff->add_subcommand(name, help);
    sub->callback([&ctx, args, run] { ctx.set_exit_code(run(ctx, *args)); });
    return std::make_pair(sub, args);
  };
  auto at = [](CLI::App* sub, StaffArgs& a) {
    sub->add_option("--at", a.at, "館 (library of the desk: main, 本館 …; default: your only library)");
  };

  auto [login, la] = add("login", "職員ログイン (log in as staff)", RunStaffLogin);
  login->add_option("staff_id", la->staff_id, "職員ID (s0001)")->required();
  login->add_flag("--password-stdin", la->password_stdin, "パスワードを標準入力から読む (read the password from stdin)");

  auto [checkout, co] = add("checkout", "貸出 (lend a copy to a patron)", RunCheckout);
  checkout->add_option("patron", co->patron, "利用者番号 (patron number)")->required();
  checkout->add_option("barcode", co->barcode, "資料のバーコード (copy barcode)")->required();
  checkout->add_flag("--validate-only", co->validate_only, "貸出できるか確かめるだけ (check only)");
  at(checkout, *co);

  auto [checkin, ci] = add("checkin", "返却・取り置き資料のスキャン (return, or scan a pulled copy)", RunCheckin);
  checkin->add_option("barcode", ci->barcode, "資料のバーコード")->required();
  at(checkin, *ci);

  auto [receive, rc] = add("receive", "回送資料の到着 (a copy arriving in transit)", RunReceive);
  receive->add_option("barcode", rc->barcode, "資料のバーコード")->required();
  at(receive, *rc);

  auto [force, fr] = add("force-return", "貸出中の表示を解消する (force return, with a reason; audited)", RunForceReturn);
  force->add_option("barcode", fr->barcode, "資料のバーコード")->required();
  force->add_option("--reason", fr->reason, "理由 (why; kept in the audit log)")->required();
  at(force, *fr);

  auto [issue, ir] = add("issue-received", "雑誌の新しい号を受け入れる (register a new magazine issue)", RunIssueReceived);
  issue->add_option("--series", ir->series, "雑誌名 (magazine title)")->required();
  issue->add_option("--issue", ir->issue, "号数 (issue number)")->required();
  issue->add_option("--barcode", ir->barcode, "新しい号のバーコード")->required();
  issue->add_option("--title", ir->title, "この号のタイトル (default: 雑誌名 N号)");
  at(issue, *ir);

  auto [pull, pl] = add("pull-list", "取り置きリスト (copies on the shelves to fetch for reservations)", RunPullList);
  at(pull, *pl);
  auto [shelf, hs] = add("hold-shelf", "予約確保棚 (secured reservations and their deadlines)",
                         [](Context& c, const StaffArgs& a) { return RunHoldShelf(c, a, false); });
  at(shelf, *hs);
  auto [calls, cl] = add("calls", "電話連絡リスト (telephone call list)",
                         [](Context& c, const StaffArgs& a) { return RunHoldShelf(c, a, true); });
  at(calls, *cl);
  auto [called, cd] = add("called", "電話連絡済にする (mark a call-list entry as called)", RunCalled);
  called->add_option("reservation", cd->reservation, "予約番号")->required();
  auto [transits, tr] = add("transits", "回送リスト (transits outgoing and expected)", RunTransits);
  at(transits, *tr);
}

}  // namespace shiori::cli
