// The reservation commands (R1–R14): `shiori reserve RECORD --pickup LIBRARY`, `shiori reservations` (the two
// lists of R13) and `shiori cancel RESERVATION`. They need a login (`shiori login`).
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "commands.h"
#include "text_table.h"
#include "vocabulary.h"

namespace shiori::cli {
namespace {

constexpr absl::string_view kLoginHint = "ログインしてください (please log in): shiori login 利用者番号";

std::string HintFor(const absl::Status& status) {
  return status.code() == absl::StatusCode::kUnauthenticated ? std::string(kLoginHint) : "";
}

struct ReserveArgs {
  std::string patron;  // staff at the desk: for whom (窓口予約)
  std::string record;
  std::string pickup;
  std::string notify;
  bool validate_only = false;
};

int RunReserve(Context& ctx, const ReserveArgs& args) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::PlaceReservationRequest req;
  req.set_patron_number(args.patron);
  req.set_record(args.record);
  req.set_pickup_library(ctx.ResolveLibrary(args.pickup));
  if (!args.notify.empty()) req.set_notify_method(*ParseNotifyMethod(args.notify));  // checked by the parser
  req.set_validate_only(args.validate_only);
  auto placed = client->PlaceReservation(req);
  if (!placed.ok()) return ctx.out().Fail(placed.status(), ctx.globals().server, HintFor(placed.status()));
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*placed));
    return kExitOk;
  }
  auto& out = ctx.out().text();
  if (args.validate_only) {
    out << "予約できます（確認のみ・予約はしていません） (reservable; validate only, nothing was reserved)\n";
    return kExitOk;
  }
  out << "予約しました (reserved): " << (placed->title().empty() ? args.record : placed->title()) << "\n";
  if (!args.patron.empty()) out << "  利用者 patron: " << args.patron << "（窓口予約 at the counter）\n";
  out << "  予約番号 reservation: " << placed->reservation_id() << "\n";
  out << "  受取館 pickup: " << ctx.LibraryName(placed->pickup_library()) << "\n";
  out << "  連絡方法 notice: " << NotifyMethodJa(placed->notify_method()) << "\n";
  if (placed->state() == v1::WAITING && placed->queue_position() > 0) {
    out << "  順位 position: " << placed->queue_position() << "番目\n";
  } else {
    out << "  状態 state: " << ReservationStateJa(placed->state()) << "\n";
  }
  return kExitOk;
}

// R13: 予約一覧 (waiting, with position) and 予約確保一覧 (in transit and secured, with pickup and deadline).
void PrintReservations(Context& ctx, const v1::ListReservationsResponse& listed) {
  auto& out = ctx.out().text();
  TextTable waiting({"順位", "予約番号", "タイトル title", "受取館", "連絡", "予約日時"});
  TextTable ready({"状態", "予約番号", "タイトル title", "受取館", "取置期限 deadline", "連絡"});
  waiting.SetMaxWidth(2, 40);
  ready.SetMaxWidth(2, 40);
  for (const auto& r : listed.reservations()) {
    if (r.state() == v1::WAITING) {
      waiting.AddRow({absl::StrCat(r.queue_position()), r.reservation_id(), r.title(),
                      ctx.LibraryName(r.pickup_library()), NotifyMethodJa(r.notify_method()),
                      FormatTimestamp(r.create_time())});
    } else if (r.state() == v1::IN_TRANSIT || r.state() == v1::SECURED) {
      std::string notice = NotifyMethodJa(r.notify_method());
      // R15: a mail that could not be delivered is shown, not followed by a phone call.
      if (r.notice_failed()) notice = absl::StrCat(notice, " ※連絡不達 (notice failed)");
      ready.AddRow({ReservationStateJa(r.state()), r.reservation_id(), r.title(), ctx.LibraryName(r.pickup_library()),
                    r.state() == v1::SECURED ? FormatDate(r.pickup_deadline()) : "", notice});
    }
  }
  out << "予約一覧 (waiting)\n";
  if (waiting.empty()) {
    out << "  (なし none)\n";
  } else {
    waiting.Print(out, "  ");
  }
  out << "\n予約確保一覧 (ready: in transit or on the hold shelf)\n";
  if (ready.empty()) {
    out << "  (なし none)\n";
  } else {
    ready.Print(out, "  ");
  }
}

int RunReservations(Context& ctx) {
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::ListReservationsResponse all;
  v1::ListReservationsRequest req;
  // Follow the pages so both lists are complete (R3 keeps them short).
  for (int page = 0; page < 100; ++page) {
    auto listed = client->ListReservations(req);
    if (!listed.ok()) return ctx.out().Fail(listed.status(), ctx.globals().server, HintFor(listed.status()));
    for (auto& r : *listed->mutable_reservations()) *all.add_reservations() = std::move(r);
    if (listed->next_page_token().empty()) break;
    req.set_page_token(listed->next_page_token());
  }
  if (ctx.out().json()) {
    nlohmann::json doc = ProtoJson(all);
    // The two lists of R13 as the patron sees them, beside the full list.
    doc["waiting"] = nlohmann::json::array();
    doc["ready"] = nlohmann::json::array();
    for (const auto& r : all.reservations()) {
      if (r.state() == v1::WAITING) doc["waiting"].push_back(ProtoJson(r));
      if (r.state() == v1::IN_TRANSIT || r.state() == v1::SECURED) doc["ready"].push_back(ProtoJson(r));
    }
    ctx.out().Json(doc);
    return kExitOk;
  }
  PrintReservations(ctx, all);
  return kExitOk;
}

int RunCancel(Context& ctx, const std::string& reservation) {
  // The number `shiori reservations` shows, or its resource name; anything else is a typing error, said here.
  const absl::string_view id = absl::StripPrefix(reservation, "reservations/");
  if (id.empty() || !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return ctx.out().Usage("予約番号を数字で指定してください（shiori reservations で確かめられます）",
                           "give the reservation's number, as `shiori reservations` shows it");
  }
  Client* client = ctx.client();
  if (client == nullptr) return kExitUsage;
  v1::CancelReservationRequest req;
  req.set_name(reservation);
  auto cancelled = client->CancelReservation(req);
  if (!cancelled.ok()) return ctx.out().Fail(cancelled.status(), ctx.globals().server, HintFor(cancelled.status()));
  if (ctx.out().json()) {
    ctx.out().Json(ProtoJson(*cancelled));
    return kExitOk;
  }
  ctx.out().text() << "予約を取り消しました (cancelled): "
                   << (cancelled->title().empty() ? reservation : cancelled->title()) << "\n";
  return kExitOk;
}

CLI::Validator NotifyValidator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        return ParseNotifyMethod(value).has_value() ? "" : "use email or phone (メール/電話): " + value;
      },
      "email|phone");
}

}  // namespace

void AddReservationCommands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ReserveArgs>();
  auto* reserve = app.add_subcommand("reserve", "予約する (reserve a title)");
  reserve->add_option("record", args->record, "資料ID (records/ID or ID)")->required();
  reserve->add_option("--pickup", args->pickup, "受取館 (pickup library: main, 本館 …)")->required();
  reserve->add_option("--notify", args->notify, "連絡方法 how to be told: email|phone (default: your profile's choice)")
      ->check(NotifyValidator());
  reserve->add_flag("--validate-only", args->validate_only,
                    "予約できるか確かめるだけ (check without reserving)");
  reserve->callback([&ctx, args] { ctx.set_exit_code(RunReserve(ctx, *args)); });

  // 窓口予約: staff reserve for a patron at the desk, under the patron's rules (R3: every channel counts).
  auto counter = std::make_shared<ReserveArgs>();
  auto* for_patron = StaffGroup(app)->add_subcommand("reserve", "窓口予約 (reserve a title for a patron at the desk)");
  for_patron->add_option("patron", counter->patron, "利用者番号 (patron number)")->required();
  for_patron->add_option("record", counter->record, "資料ID (records/ID or ID)")->required();
  for_patron->add_option("--pickup", counter->pickup, "受取館 (pickup library: main, 本館 …)")->required();
  for_patron->add_option("--notify", counter->notify,
                         "連絡方法 email|phone (default: the patron's own choice)")
      ->check(NotifyValidator());
  for_patron->add_flag("--validate-only", counter->validate_only, "予約できるか確かめるだけ (check only)");
  for_patron->callback([&ctx, counter] { ctx.set_exit_code(RunReserve(ctx, *counter)); });

  auto* reservations = app.add_subcommand("reservations", "予約一覧と予約確保一覧 (your reservations)");
  reservations->callback([&ctx] { ctx.set_exit_code(RunReservations(ctx)); });

  auto name = std::make_shared<std::string>();
  auto* cancel = app.add_subcommand("cancel", "予約を取り消す (cancel a reservation)");
  cancel->add_option("reservation", *name, "予約番号 (reservations/ID or ID)")->required();
  cancel->callback([&ctx, name] { ctx.set_exit_code(RunCancel(ctx, *name)); });
}

}  // namespace shiori::cli
