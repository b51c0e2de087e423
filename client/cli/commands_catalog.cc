// The catalogue commands (C1–C3): `shiori libraries`, `shiori search WORDS…`, `shiori show RECORD`.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "text_table.h"
#include "vocabulary.h"

namespace shiori::cli {
namespace {

int RunLibraries(Context& ctx) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  auto listed = client->ListLibraries();
  if (!listed.ok()) return ctx.out().Fail(listed.status(), ctx.globals().server);
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*listed));
    return kExitOk;
  }
  TextTable table({"ID", "館名", "Name", "受取 pickup"});
  for (const auto& l : listed->libraries()) {
    table.AddRow({l.library_id(), l.display_name(), l.display_name_en(), l.pickup_location() ? "○" : "-"});
  }
  table.Print(ctx.out().text());
  return kExitOk;
}

struct SearchArgs {
  std::vector<std::string> words;
  std::vector<std::string> types;
  std::string library;
  int page_size = 0;
  std::string page_token;
};

int RunSearch(Context& ctx, const SearchArgs& args) {
  v1::SearchCatalogRequest req;
  req.set_query(absl::StrJoin(args.words, " "));
  for (const auto& t : args.types) req.add_material_types(*ParseMaterialType(t));  // checked by the parser
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  if (!args.library.empty()) req.set_library(ctx.ResolveLibrary(args.library));
  req.set_page_size(args.page_size);
  req.set_page_token(args.page_token);
  auto found = client->SearchCatalog(req);
  if (!found.ok()) return ctx.out().Fail(found.status(), ctx.globals().server);
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*found));
    return kExitOk;
  }
  auto& out = ctx.out().text();
  if (found->records().empty()) {
    out << "見つかりませんでした (no records found): " << req.query() << "\n";
    return kExitOk;
  }
  TextTable table({"資料ID", "種別", "タイトル title", "著者 author", "出版年", "在架/所蔵", "予約"});
  table.SetMaxWidth(2, 44);
  table.SetMaxWidth(3, 24);
  for (const auto& r : found->records()) {
    std::string title = r.subtitle().empty() ? r.title() : absl::StrCat(r.title(), " : ", r.subtitle());
    table.AddRow({r.record_id(), MaterialTypeJa(r.material_type()), title, absl::StrJoin(r.authors(), ", "),
                  r.publication_year() > 0 ? absl::StrCat(r.publication_year()) : "",
                  absl::StrCat(r.available_copy_count(), "/", r.copy_count()),
                  absl::StrCat(r.waiting_reservation_count(), "件")});
  }
  table.Print(out);
  if (!found->next_page_token().empty()) {
    out << "\n次のページ (next page): --page-token " << found->next_page_token() << "\n";
  }
  return kExitOk;
}

std::string ContributorsOf(const v1::Record& r) {
  std::vector<std::string> people;
  for (const auto& c : r.contributors()) {
    people.push_back(c.role().empty() ? c.name() : absl::StrCat(c.name(), " (", c.role(), ")"));
  }
  return absl::StrJoin(people, ", ");
}

void PrintRecord(Context& ctx, const v1::Record& r) {
  auto& out = ctx.out().text();
  out << r.title() << "\n";
  auto field = [&](absl::string_view label, const std::string& value) {
    if (!value.empty()) out << "  " << PadToWidth(label, 20) << value << "\n";
  };
  field("副題 subtitle", r.subtitle());
  field("よみ reading", r.title_kana());
  field("責任表示", r.responsibility());
  field("著者 authors", ContributorsOf(r));
  field("出版 publisher", absl::StrCat(r.publisher(), r.publication_year() > 0 && !r.publisher().empty() ? " " : "",
                                       r.publication_year() > 0 ? absl::StrCat(r.publication_year()) : ""));
  field("ISBN", r.isbn());
  field("NDC", r.ndc());
  field("件名 subjects", absl::StrJoin(r.subjects(), ", "));
  field("種別 type", absl::StrCat(MaterialTypeJa(r.material_type()), " (", MaterialTypeToken(r.material_type()), ")"));
  if (!r.series_title().empty() || r.issue_number() > 0) {
    field("雑誌 magazine", absl::StrCat(r.series_title(), r.issue_number() > 0 ? absl::StrCat(" ", r.issue_number(), "号")
                                                                              : ""));
  }
  if (r.latest_issue()) field("最新号 latest", "最新号です。次号の受入後に貸出できます (R5)");
  field("資料ID record", r.record_id());

  out << "\n所蔵 copies (" << r.copies_size() << ")\n";
  if (r.copies().empty()) {
    out << "  (なし none)\n";
  } else {
    TextTable copies({"所蔵館 library", "種別 type", "状態 status", "返却予定日 due", "資料番号 barcode", "備考"});
    for (const auto& c : r.copies()) {
      std::string where = ctx.LibraryName(c.home_library());
      if (c.availability() == v1::AVAILABILITY_IN_TRANSIT && !c.current_library().empty()) {
        where = absl::StrCat(where, " (", ctx.LibraryName(c.current_library()), "へ回送中)");  // on its way there
      } else if (!c.current_library().empty() && c.current_library() != c.home_library()) {
        where = absl::StrCat(where, " (現在 ", ctx.LibraryName(c.current_library()), ")");
      }
      std::vector<std::string> notes;
      if (c.not_for_loan()) notes.push_back("禁帯出");
      if (!c.shelf_mark().empty()) notes.push_back(c.shelf_mark());
      copies.AddRow({where, MaterialTypeJa(c.material_type()), AvailabilityJa(c.availability()),
                     FormatDate(c.due_date()), c.barcode(), absl::StrJoin(notes, " ")});
    }
    copies.Print(out, "  ");
  }
  out << "\n予約待ち waiting reservations: " << r.waiting_reservation_count() << "件\n";
  if (r.reservable()) {
    auto session = ctx.session();
    if (session && absl::StartsWith(session->account, "staff:")) {
      // At the desk, for a patron (窓口予約): staff do not reserve for themselves.
      out << "予約できます (reservable): shiori staff reserve PATRON_NUMBER " << r.record_id()
          << " --pickup LIBRARY\n";
    } else {
      out << "予約できます (reservable): shiori reserve " << r.record_id() << " --pickup LIBRARY\n";
    }
  } else {
    out << "予約できません (not reservable): " << NotReservableReasonJa(r.not_reservable_reason());
    if (!r.not_reservable_reason().empty()) out << " [" << r.not_reservable_reason() << "]";
    out << "\n";
  }
}

int RunShow(Context& ctx, const std::string& record) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::GetRecordRequest req;
  req.set_name(record);
  auto found = client->GetRecord(req);
  if (!found.ok()) return ctx.out().Fail(found.status(), ctx.globals().server);
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*found));
    return kExitOk;
  }
  PrintRecord(ctx, *found);
  return kExitOk;
}

}  // namespace

void AddCatalogCommands(CLI::App& app, Context& ctx) {
  auto* libraries = app.add_subcommand("libraries", "図書館の一覧 (list the libraries)");
  libraries->callback([&ctx] { ctx.set_exit_code(RunLibraries(ctx)); });

  auto search_args = std::make_shared<SearchArgs>();
  auto* search = app.add_subcommand("search", "資料をさがす (search the catalogue)");
  search->add_option("words", search_args->words, "検索語 (words; all must match)")->required();
  search->add_option("--type", search_args->types, "資料種別 material type: " + MaterialTypeChoices())
      ->delimiter(',')
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            return ParseMaterialType(value).has_value() ? "" : "unknown material type: " + value;
          },
          "TYPE"));
  search->add_option("--library", search_args->library, "所蔵館 (library id or name: main, 本館)");
  search->add_option("--page-size", search_args->page_size, "件数 results per page (0 = 20, at most 100)")
      ->check(CLI::Range(0, 1000));
  search->add_option("--page-token", search_args->page_token, "次のページ (from a previous search)");
  search->callback([&ctx, search_args] { ctx.set_exit_code(RunSearch(ctx, *search_args)); });

  auto record = std::make_shared<std::string>();
  auto* show = app.add_subcommand("show", "資料の詳しい情報と所蔵 (a title with its copies)");
  show->add_option("record", *record, "資料ID (records/ID or ID)")->required();
  show->callback([&ctx, record] { ctx.set_exit_code(RunShow(ctx, *record)); });
}

}  // namespace shiori::cli
