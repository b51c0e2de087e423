// The account commands of a patron (P4, P5, P7): `shiori register-password NUMBER --kana K --phone P --email E`,
// `shiori confirm TOKEN`, `shiori password`, `shiori profile`, `shiori email add|remove|notify|confirm`.
// Passwords are read without echo, or from stdin with --password-stdin (current and new on two lines).
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "commands.h"
#include "shiori/error_details.h"
#include "vocabulary.h"

namespace shiori::cli {
namespace {

constexpr absl::string_view kLoginHint = "ログインしてください (please log in): shiori login 利用者番号";

std::string HintFor(const absl::Status& status) {
  return status.code() == absl::StatusCode::kUnauthenticated ? std::string(kLoginHint) : "";
}

struct RegisterArgs {
  std::string patron_number, kana, phone, email;
  bool password_stdin = false;
};

int RunRegister(Context& ctx, const RegisterArgs& args) {
  auto password = ctx.Password(args.password_stdin, "新しいパスワード (new password, 4-10 letters/digits): ");
  if (!password) return kExitUsage;
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::RegisterPasswordRequest req;
  req.set_patron_number(args.patron_number);
  req.set_name_kana(args.kana);
  req.set_phone(args.phone);
  req.set_password(*password);
  req.set_email(args.email);
  auto reply = client->RegisterPassword(req);
  if (!reply.ok()) return ctx.out().Fail(reply.status(), ctx.globals().server);
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*reply));
    return kExitOk;
  }
  ctx.out().text() << reply->message() << "\n"
                   << "(if the details match, a confirmation mail was sent; open its link, or run: shiori confirm "
                      "TOKEN, within "
                   << reply->expires_in_hours() << " hours)\n";
  return kExitOk;
}

// The token as typed, or the token=… of a pasted link.
std::string TokenOf(std::string typed) {
  typed = std::string(absl::StripAsciiWhitespace(typed));
  if (auto at = typed.rfind("token="); at != std::string::npos) typed = typed.substr(at + 6);
  if (auto amp = typed.find('&'); amp != std::string::npos) typed = typed.substr(0, amp);
  return typed;
}

int PrintEmailConfirmed(Context& ctx, const v1::ConfirmEmailAddressResponse& done) {
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(done));
  } else {
    ctx.out().text() << "メールアドレスを確認しました (confirmed): " << done.address() << "\n";
  }
  return kExitOk;
}

int RunConfirm(Context& ctx, const std::string& token) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::ConfirmRegistrationRequest req;
  req.set_token(TokenOf(token));
  auto done = client->ConfirmRegistration(req);
  if (!done.ok() && ErrorReason(done.status()) == "CONFIRMATION_INVALID") {
    // Both mails carry the same kind of link: one from メールアドレスのご確認 is confirmed here too, rather than
    // the patron being told that a good link is dead.
    v1::ConfirmEmailAddressRequest email;
    email.set_token(req.token());
    auto confirmed = client->ConfirmEmailAddress(email);
    if (confirmed.ok()) return PrintEmailConfirmed(ctx, *confirmed);
  }
  if (!done.ok()) return ctx.out().Fail(done.status(), ctx.globals().server);
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*done));
    return kExitOk;
  }
  auto& out = ctx.out().text();
  out << "パスワードの登録が完了しました (the password is registered): " << done->patron_number() << "\n";
  if (done->email_slot() > 0) {
    out << "メールアドレス" << done->email_slot() << " を確認済みにしました (email " << done->email_slot()
        << " confirmed)";
    if (!done->replaced_address().empty()) {
      out << "。以前の " << done->replaced_address() << " に代わります (it replaces "
          << done->replaced_address() << ")";
    }
    out << "\n";
  }
  out << "ログインできます: shiori login " << done->patron_number() << "\n";
  return kExitOk;
}

int RunChangePassword(Context& ctx, bool from_stdin) {
  auto current = ctx.Password(from_stdin, "現在のパスワード (current password): ");
  if (!current) return kExitUsage;
  auto replacement = ctx.Password(from_stdin, "新しいパスワード (new password): ");
  if (!replacement) return kExitUsage;
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::ChangePasswordRequest req;
  req.set_current_password(*current);
  req.set_new_password(*replacement);
  auto done = client->ChangePassword(req);
  if (!done.ok()) return ctx.out().Fail(done.status(), ctx.globals().server, HintFor(done.status()));
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*done));
    return kExitOk;
  }
  ctx.out().text() << "パスワードを変更しました (password changed)";
  if (done->ended_sessions() > 0) {
    ctx.out().text() << "。ほかの " << done->ended_sessions() << " か所のログインは終了しました ("
                     << done->ended_sessions() << " other sessions ended)";
  }
  ctx.out().text() << "\n";
  return kExitOk;
}

void PrintProfile(Context& ctx, const v1::Profile& p) {
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(p));
    return;
  }
  auto& out = ctx.out().text();
  out << "利用者番号 number: " << p.patron().patron_number() << "\n"
      << "氏名 name: " << p.patron().display_name() << " (" << p.name_kana() << ")\n"
      << "住所 address: " << p.address() << "\n"
      << "電話 phone: " << p.phone() << "\n"
      << "登録館 home library: " << ctx.LibraryName(p.patron().home_library()) << "\n"
      << "パスワード password: " << (p.password_registered() ? "登録済み registered" : "未登録 not registered") << "\n";
  for (const auto& e : p.email_addresses()) {
    out << "メールアドレス" << e.slot() << " email " << e.slot() << ": " << e.address() << " "
        << (e.confirmed()                ? "確認済み confirmed"
            : e.confirmation_expired()   ? "確認の期限切れ（もう一度登録してください） confirmation link expired"
                                         : "確認待ち awaiting confirmation")
        << (e.hold_notice() ? " ← 予約の連絡先 hold notices" : "") << "\n";
    if (!e.pending_address().empty()) {
      out << (e.confirmation_expired() ? "  変更の確認の期限切れ（もう一度登録してください） change link expired: "
                                       : "  変更の確認待ち change awaiting confirmation: ")
          << e.pending_address() << "\n";
    }
  }
  out << "予約の連絡 hold notices: "
      << (p.hold_notice() == v1::TELEPHONE ? "電話 telephone"
          : p.hold_notice() == v1::EMAIL   ? "メール email"
                                           : "未設定 not chosen (電話 telephone)")
      << "\n"
      << "読書履歴 reading history: " << (p.reading_history() ? "残す kept" : "残さない not kept") << "\n";
}

int RunProfile(Context& ctx) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  auto p = client->GetProfile();
  if (!p.ok()) return ctx.out().Fail(p.status(), ctx.globals().server, HintFor(p.status()));
  PrintProfile(ctx, *p);
  return kExitOk;
}

struct EmailArgs {
  std::string address;
  int slot = 0;
  std::string method;
  std::string token;
};

int Finish(Context& ctx, const absl::StatusOr<v1::Profile>& p, absl::string_view done_text) {
  if (!p.ok()) return ctx.out().Fail(p.status(), ctx.globals().server, HintFor(p.status()));
  if (!ctx.out().json()) ctx.out().text() << done_text << "\n";
  PrintProfile(ctx, *p);
  return kExitOk;
}

int RunEmailAdd(Context& ctx, const EmailArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::AddEmailAddressRequest req;
  req.set_address(a.address);
  req.set_slot(a.slot);
  return Finish(ctx, client->AddEmailAddress(req),
                "確認メールを送りました。メールのリンクを開くと使えるようになります (a confirmation mail was sent)");
}

int RunEmailRemove(Context& ctx, const EmailArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::RemoveEmailAddressRequest req;
  req.set_slot(a.slot);
  return Finish(ctx, client->RemoveEmailAddress(req), "メールアドレスを削除しました (removed)");
}

int RunEmailNotify(Context& ctx, const EmailArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::SetHoldNoticeRequest req;
  const std::string m = absl::AsciiStrToLower(a.method);
  if (m == "phone" || m == "telephone" || m == "tel" || m == "電話") {
    req.set_method(v1::TELEPHONE);
  } else if (m == "email" || m == "mail" || m == "メール" || m == "1" || m == "2") {
    req.set_method(v1::EMAIL);
    req.set_slot(m == "1" ? 1 : m == "2" ? 2 : a.slot);
  } else {
    return ctx.out().Usage("email（メール）か phone（電話）を指定してください", "give email, 1, 2 or phone");
  }
  return Finish(ctx, client->SetHoldNotice(req), "予約の連絡方法を変更しました (hold notices changed)");
}

int RunEmailConfirm(Context& ctx, const EmailArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::ConfirmEmailAddressRequest req;
  req.set_token(TokenOf(a.token));
  auto done = client->ConfirmEmailAddress(req);
  if (!done.ok()) return ctx.out().Fail(done.status(), ctx.globals().server);
  return PrintEmailConfirmed(ctx, *done);
}

}  // namespace

void AddAccountCommands(CLI::App& app, Context& ctx) {
  auto reg = std::make_shared<RegisterArgs>();
  auto* r = app.add_subcommand("register-password", "パスワードの新規登録・再発行 (register or reissue a password, P4)");
  r->add_option("patron_number", reg->patron_number, "利用者番号 (patron number on the card)")->required();
  r->add_option("--kana", reg->kana, "氏名カナ (name in katakana, as registered)")->required();
  r->add_option("--phone", reg->phone, "電話番号 (telephone number, as registered)")->required();
  r->add_option("--email", reg->email, "確認メールの送り先 (mail address for the confirmation)")->required();
  r->add_flag("--password-stdin", reg->password_stdin, "パスワードを標準入力から読む (read the password from stdin)");
  r->callback([&ctx, reg] { ctx.set_exit_code(RunRegister(ctx, *reg)); });

  auto token = std::make_shared<std::string>();
  auto* c = app.add_subcommand("confirm", "確認メールのリンクで登録・確認を完了 (complete a registration or confirm an address from its mail)");
  c->add_option("token", *token, "メールのリンク、またはその token (the link or its token)")->required();
  c->callback([&ctx, token] { ctx.set_exit_code(RunConfirm(ctx, *token)); });

  auto from_stdin = std::make_shared<bool>(false);
  auto* pw = app.add_subcommand("password", "パスワードの変更 (change the password, P5)");
  pw->add_flag("--password-stdin", *from_stdin, "現在と新しいパスワードを標準入力の2行から読む (two lines on stdin)");
  pw->callback([&ctx, from_stdin] { ctx.set_exit_code(RunChangePassword(ctx, *from_stdin)); });

  auto* profile = app.add_subcommand("profile", "登録内容の確認 (your profile)");
  profile->callback([&ctx] { ctx.set_exit_code(RunProfile(ctx)); });

  auto ea = std::make_shared<EmailArgs>();
  auto* email = app.add_subcommand("email", "メールアドレス (mail addresses, P7)");
  email->require_subcommand(1);
  auto* add = email->add_subcommand("add", "追加・変更して確認メールを送る (add or change; mails a confirmation)");
  add->add_option("address", ea->address, "メールアドレス")->required();
  add->add_option("--slot", ea->slot, "1 か 2 (変更するとき; which one to change)")->check(CLI::Range(1, 2));
  add->callback([&ctx, ea] { ctx.set_exit_code(RunEmailAdd(ctx, *ea)); });
  auto* remove = email->add_subcommand("remove", "削除 (remove)");
  remove->add_option("slot", ea->slot, "1 か 2")->required()->check(CLI::Range(1, 2));
  remove->callback([&ctx, ea] { ctx.set_exit_code(RunEmailRemove(ctx, *ea)); });
  auto* notify = email->add_subcommand("notify", "予約の連絡先: email [--slot N] / 1 / 2 / phone (hold notices)");
  notify->add_option("method", ea->method, "email, 1, 2 or phone")->required();
  notify->add_option("--slot", ea->slot, "1 か 2")->check(CLI::Range(1, 2));
  notify->callback([&ctx, ea] { ctx.set_exit_code(RunEmailNotify(ctx, *ea)); });
  auto* confirm = email->add_subcommand("confirm", "確認メールのリンクで確認 (confirm from the mail's link)");
  confirm->add_option("token", ea->token, "リンク、または token")->required();
  confirm->callback([&ctx, ea] { ctx.set_exit_code(RunEmailConfirm(ctx, *ea)); });
}

}  // namespace shiori::cli
