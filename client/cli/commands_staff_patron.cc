// The desk's patron commands (P10), under `shiori staff patron`: add, show, find, edit, reset-password.
// They need a staff session (`shiori staff login ID`).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "commands.h"
#include "text_table.h"

namespace shiori::cli {
namespace {

struct PatronArgs {
  std::string number;
  std::string category;
  std::string name, kana, address, phone, home;
  std::string query;
  bool validate_only = false;
};

bool ParseCategory(const std::string& typed, v1::PatronCategory* out) {
  const std::string t = absl::AsciiStrToLower(typed);
  if (t == "resident" || t == "在住") *out = v1::RESIDENT;
  else if (t == "worker" || t == "在勤") *out = v1::WORKER;
  else if (t == "student" || t == "在学") *out = v1::STUDENT;
  else if (t == "wide-area" || t == "wide_area" || t == "広域") *out = v1::WIDE_AREA;
  else return false;
  return true;
}

const char* CategoryJa(v1::PatronCategory c) {
  switch (c) {
    case v1::RESIDENT: return "在住 resident";
    case v1::WORKER: return "在勤 worker";
    case v1::STUDENT: return "在学 student";
    case v1::WIDE_AREA: return "広域 wide-area";
    default: return "-";
  }
}

void PrintRecord(Context& ctx, const v1::PatronRecord& p) {
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(p));
    return;
  }
  ctx.out().text() << "利用者番号 number: " << p.patron_number() << "\n"
                   << "区分 category: " << CategoryJa(p.category()) << "\n"
                   << "氏名 name: " << p.display_name() << " (" << p.name_kana() << ")\n"
                   << "住所 address: " << p.address() << "\n"
                   << "電話 phone: " << p.phone() << "\n"
                   << "登録館 home library: " << ctx.LibraryName(p.home_library()) << "\n"
                   << "パスワード password: " << (p.password_registered() ? "登録済み registered" : "未登録 none")
                   << (p.blocked() ? "\n利用停止 blocked" : "") << "\n";
}

int Result(Context& ctx, const absl::StatusOr<v1::PatronRecord>& r, absl::string_view done) {
  if (!r.ok()) {
    return ctx.out().Fail(r.status(), ctx.globals().server,
                          r.status().code() == absl::StatusCode::kUnauthenticated
                              ? "職員としてログインしてください (log in as staff): shiori staff login ID"
                              : "");
  }
  if (!ctx.out().json() && !done.empty()) ctx.out().text() << done << "\n";
  PrintRecord(ctx, *r);
  return kExitOk;
}

// The record fields given on the command line, and the update mask naming them.
v1::PatronRecord RecordOf(Context& ctx, const PatronArgs& a, std::vector<std::string>* mask, bool* bad) {
  v1::PatronRecord p;
  if (!a.category.empty()) {
    v1::PatronCategory c = v1::PATRON_CATEGORY_UNSPECIFIED;
    if (!ParseCategory(a.category, &c)) *bad = true;
    p.set_category(c);
    mask->push_back("category");
  }
  auto set = [&](const std::string& v, const char* field, std::string* target) {
    if (v.empty()) return;
    *target = v;
    mask->push_back(field);
  };
  set(a.name, "display_name", p.mutable_display_name());
  set(a.kana, "name_kana", p.mutable_name_kana());
  set(a.address, "address", p.mutable_address());
  set(a.phone, "phone", p.mutable_phone());
  if (!a.home.empty()) {
    p.set_home_library(ctx.ResolveLibrary(a.home));
    mask->push_back("home_library");
  }
  return p;
}

int RunAdd(Context& ctx, const PatronArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  std::vector<std::string> mask;
  bool bad = false;
  v1::CreatePatronRequest req;
  *req.mutable_patron() = RecordOf(ctx, a, &mask, &bad);
  if (bad) return ctx.out().Usage("区分は resident / worker / student / wide-area です", "unknown category");
  req.set_validate_only(a.validate_only);
  return Result(ctx, client->CreatePatron(req),
                a.validate_only ? "登録できます（確認のみ） (valid; nothing was saved)" : "利用者を登録しました (registered)");
}

int RunEdit(Context& ctx, const PatronArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  std::vector<std::string> mask;
  bool bad = false;
  v1::UpdatePatronRequest req;
  *req.mutable_patron() = RecordOf(ctx, a, &mask, &bad);
  if (bad) return ctx.out().Usage("区分は resident / worker / student / wide-area です", "unknown category");
  if (mask.empty()) return ctx.out().Usage("変更する項目を指定してください", "give at least one field to change");
  req.mutable_patron()->set_name(absl::StrCat("patrons/", a.number));
  for (const auto& m : mask) req.mutable_update_mask()->add_paths(m);
  req.set_validate_only(a.validate_only);
  return Result(ctx, client->UpdatePatron(req), "変更しました (updated)");
}

int RunShow(Context& ctx, const PatronArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::GetPatronRequest req;
  req.set_name(a.number);
  return Result(ctx, client->GetPatron(req), "");
}

int RunReset(Context& ctx, const PatronArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::ResetPasswordRequest req;
  req.set_name(a.number);
  return Result(ctx, client->ResetPassword(req),
                "パスワードを消去しました。利用者はもう一度登録します (password removed; the patron registers again)");
}

int RunFind(Context& ctx, const PatronArgs& a) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::SearchPatronsRequest req;
  req.set_query(a.query);
  req.set_page_size(50);
  auto found = client->SearchPatrons(req);
  if (!found.ok()) return ctx.out().Fail(found.status(), ctx.globals().server);
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*found));
    return kExitOk;
  }
  if (found->patrons().empty()) {
    ctx.out().text() << "見つかりません (no patron found)\n";
    return kExitOk;
  }
  for (const auto& p : found->patrons()) {
    ctx.out().text() << p.patron_number() << "  " << p.display_name() << " (" << p.name_kana() << ")  "
                     << CategoryJa(p.category()) << "  " << p.phone() << "\n";
  }
  return kExitOk;
}

void AddFields(CLI::App* cmd, PatronArgs& a) {
  cmd->add_option("--category", a.category, "区分 resident / worker / student / wide-area");
  cmd->add_option("--name", a.name, "氏名 (name)");
  cmd->add_option("--kana", a.kana, "氏名カナ (name in katakana)");
  cmd->add_option("--address", a.address, "住所 (address)");
  cmd->add_option("--phone", a.phone, "電話番号 (telephone)");
  cmd->add_option("--home", a.home, "登録館 main / branch");
  cmd->add_flag("--validate-only", a.validate_only, "確認のみ (check, change nothing)");
}

}  // namespace

void AddStaffPatronCommands(CLI::App& app, Context& ctx) {
  CLI::App* staff = StaffGroup(app);
  auto args = std::make_shared<PatronArgs>();
  auto* patron = staff->add_subcommand("patron", "利用者の登録・照会 (patron records, P10)");
  patron->require_subcommand(1);
  auto* add = patron->add_subcommand("add", "利用者を登録 (register a patron; the number is issued)");
  AddFields(add, *args);
  add->callback([&ctx, args] { ctx.set_exit_code(RunAdd(ctx, *args)); });
  auto* show = patron->add_subcommand("show", "利用者を表示 (show by number)");
  show->add_option("number", args->number, "利用者番号")->required();
  show->callback([&ctx, args] { ctx.set_exit_code(RunShow(ctx, *args)); });
  auto* find = patron->add_subcommand("find", "番号・氏名・カナでさがす (search by number, name or kana)");
  find->add_option("query", args->query, "番号、氏名、氏名カナ")->required();
  find->callback([&ctx, args] { ctx.set_exit_code(RunFind(ctx, *args)); });
  auto* edit = patron->add_subcommand("edit", "登録内容を変更 (edit)");
  edit->add_option("number", args->number, "利用者番号")->required();
  AddFields(edit, *args);
  edit->callback([&ctx, args] { ctx.set_exit_code(RunEdit(ctx, *args)); });
  auto* reset = patron->add_subcommand("reset-password", "パスワードを消去 (remove the password; P4 again)");
  reset->add_option("number", args->number, "利用者番号")->required();
  reset->callback([&ctx, args] { ctx.set_exit_code(RunReset(ctx, *args)); });
}

}  // namespace shiori::cli
