// The session commands (P3, P8, P9): `shiori login PATRON_NUMBER`, `shiori logout`. The token is kept in the
// session file with the server it came from (session_file.h), never printed.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "commands.h"

namespace shiori::cli {
namespace {

struct LoginArgs {
  std::string patron_number;
  bool password_stdin = false;
};

int RunLogin(Context& ctx, const LoginArgs& args) {
  auto password = ctx.Password(args.password_stdin, "パスワード (password): ");
  if (!password) return kExitUsage;
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::LoginRequest req;
  req.set_patron_number(args.patron_number);
  req.set_password(*password);
  auto session = client->Login(req);
  if (!session.ok()) return ctx.out().Fail(session.status(), ctx.globals().server);

  StoredSession stored{ctx.globals().server, session->session_token(),
                       absl::StrCat("patron:", session->patron().patron_number()), session->patron().display_name()};
  if (absl::Status saved = ctx.session_file().Save(stored); !saved.ok()) {
    ctx.out().Fail(saved, ctx.globals().server);
    return kExitRefused;
  }
  if (ctx.out().json()) {
    nlohmann::json doc = {{"patron", ProtoJson(session->patron())},
                          {"idle_timeout_seconds", session->idle_timeout_seconds()},
                          {"server", ctx.globals().server},
                          {"session_file", ctx.session_file().path()}};
    ctx.out().Json(doc);
    return kExitOk;
  }
  auto& out = ctx.out().text();
  out << "ログインしました (logged in): " << session->patron().patron_number();
  if (!session->patron().display_name().empty()) out << " " << session->patron().display_name() << " さん";
  out << "\n";
  if (session->idle_timeout_seconds() > 0) {
    out << "操作がないまま " << session->idle_timeout_seconds() / 60
        << " 分たつとログアウトします (the session ends after " << session->idle_timeout_seconds() / 60
        << " idle minutes)\n";
  }
  return kExitOk;
}

int RunLogout(Context& ctx) {
  std::optional<StoredSession> session = ctx.session();
  if (!session.has_value()) {
    // Nothing stored for this server; forget nothing else and report success (logging out twice is fine).
    if (ctx.out().json()) {
      ctx.out().Json({{"logged_out", false}, {"server", ctx.globals().server}});
    } else {
      ctx.out().text() << "ログインしていません (not logged in to " << ctx.globals().server << ")\n";
    }
    return kExitOk;
  }
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  auto done = client->Logout();
  // The local session goes in any case: a session the server no longer knows is of no use.
  absl::Status removed = ctx.session_file().Remove();
  if (!done.ok() && done.status().code() != absl::StatusCode::kUnauthenticated) {
    return ctx.out().Fail(done.status(), ctx.globals().server,
                          "この端末のセッションは削除しました (the local session was removed)");
  }
  if (!removed.ok()) return ctx.out().Fail(removed, ctx.globals().server);
  if (ctx.out().json()) {
    ctx.out().Json({{"logged_out", true}, {"server", ctx.globals().server}});
  } else {
    ctx.out().text() << "ログアウトしました (logged out)\n";
  }
  return kExitOk;
}

}  // namespace

void AddSessionCommands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<LoginArgs>();
  auto* login = app.add_subcommand("login", "ログイン (log in with patron number and password)");
  login->add_option("patron_number", args->patron_number, "利用者番号 (patron number on the card)")->required();
  login->add_flag("--password-stdin", args->password_stdin,
                  "パスワードを標準入力の1行目から読む (read the password from stdin)");
  login->callback([&ctx, args] { ctx.set_exit_code(RunLogin(ctx, *args)); });

  auto* logout = app.add_subcommand("logout", "ログアウト (log out)");
  logout->callback([&ctx] { ctx.set_exit_code(RunLogout(ctx)); });
}

}  // namespace shiori::cli
