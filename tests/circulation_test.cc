// Circulation stories end to end (B1–B6, C4, R5, R9–R14) through the SDK against a real server and MariaDB:
// a title with two copies at two libraries walked through reserve → return → transit → secured → expired →
// passed on → collected, check-out refusals, renewals refused for each reason, the magazine's latest issue,
// reading-history privacy, and the desk's lists.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "server/common/clock.h"
#include "shiori/v1/loan.grpc.pb.h"
#include "tests/circulation_fixture.h"

namespace shiori::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string Today(int offset = 0) { return absl::FormatCivilTime(TokyoDay(absl::Now()) + offset); }

TEST_F(CirculationTest, StaffLoginAndRoles) {  // P8, P10
  Client staff = server_->NewClient(v1::COUNTER);
  v1::StaffLoginRequest bad;
  bad.set_staff_id("s0001");
  bad.set_password("wrong1");
  auto refused = staff.StaffLogin(bad);
  EXPECT_EQ(ErrorReason(refused.status()), "INVALID_CREDENTIALS");
  Client main = Main();
  // A patron session cannot use the desk; staff cannot act at another library.
  Client patron = Patron("0000001", "shiori01");
  EXPECT_EQ(Checkout(patron, "0000001", "X", "main").status().code(), absl::StatusCode::kPermissionDenied);
  AddTitle("roles", {"main"});
  EXPECT_EQ(ErrorReason(Checkout(main, "0000001", "roles-1", "branch").status()), "NOT_YOUR_LIBRARY");
  // Without --at, the staff member's only library.
  auto lent = Checkout(main, "0000001", "roles-1", "");
  ASSERT_TRUE(lent.ok()) << lent.status();
  EXPECT_EQ(lent->loan().library(), "libraries/main");
}

TEST_F(CirculationTest, TwoCopiesFourPatronsThroughTheWholeLife) {  // R9, R10, R11, R12, R13, R14, B4
  const std::string rec = AddTitle("life", {"main", "branch"});
  Client main = Main();
  Client branch = Branch();
  // Both copies out: to a wide-area patron (may borrow, P2) and a patron without a password.
  ASSERT_TRUE(Checkout(main, "0000002", "life-1", "main").ok());
  ASSERT_TRUE(Checkout(branch, "0000003", "life-2", "branch").ok());
  Client p1 = Patron("0000001", "shiori01");
  Client p4 = Patron("0000004", "shiori04");
  Client p5 = Patron("0000005", "shiori05");
  ASSERT_TRUE(Reserve(p1, rec, "branch").ok());
  ASSERT_TRUE(Reserve(p4, rec, "main", v1::TELEPHONE).ok());
  ASSERT_TRUE(Reserve(p5, rec, "main").ok());
  EXPECT_EQ(Mine(p5, rec).queue_position(), 3);  // R8

  // Copy 1 comes back at main; the first in the queue picks up at the branch: send it there (R9).
  auto back = Checkin(main, "life-1", "main");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->action(), v1::SEND_TO);
  EXPECT_EQ(back->library(), "libraries/branch");
  EXPECT_TRUE(back->has_returned_loan());
  EXPECT_EQ(Mine(p1, rec).state(), v1::IN_TRANSIT);  // R13: shown in 予約確保一覧
  EXPECT_EQ(Mine(p4, rec).queue_position(), 1);       // R8: no gaps
  auto transits = main.ListTransits(v1::ListTransitsRequest());
  ASSERT_TRUE(transits.ok());
  ASSERT_EQ(transits->outgoing_size(), 1);
  EXPECT_EQ(transits->outgoing(0).barcode(), "life-1");
  v1::ListTransitsRequest at_branch;
  at_branch.set_library("branch");
  auto expected = branch.ListTransits(at_branch);
  ASSERT_TRUE(expected.ok());
  ASSERT_EQ(expected->expected_size(), 1);

  // It arrives: secured at the branch with a deadline (R11) and exactly one ready notice (R10).
  auto arrived = Receive(branch, "life-1", "branch");
  ASSERT_TRUE(arrived.ok()) << arrived.status();
  EXPECT_EQ(arrived->action(), v1::HOLD_SHELF);
  EXPECT_EQ(arrived->patron_number(), "0000001");
  v1::Reservation r1 = Mine(p1, rec);
  EXPECT_EQ(r1.state(), v1::SECURED);
  EXPECT_GE(absl::StrCat(r1.pickup_deadline().year(), "-", r1.pickup_deadline().month() < 10 ? "0" : "",
                         r1.pickup_deadline().month(), "-", r1.pickup_deadline().day() < 10 ? "0" : "",
                         r1.pickup_deadline().day()),
            Today(7));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'hold_ready' AND reservation_id = " +
                  r1.reservation_id()),
            1);
  // A second scan of the same copy changes nothing and says the same (R10: still one notice).
  auto again = Receive(branch, "life-1", "branch");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->action(), v1::HOLD_SHELF);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE reservation_id = " + r1.reservation_id()), 1);
  // Nobody else can borrow it now (B4).
  EXPECT_EQ(ErrorReason(Checkout(branch, "0000005", "life-1", "branch").status()), "COPY_SECURED_FOR_ANOTHER");

  // Copy 2 comes back at the branch; next is p4 at main by telephone: sent, then secured there, no mail.
  auto back2 = Checkin(branch, "life-2", "branch");
  ASSERT_TRUE(back2.ok());
  EXPECT_EQ(back2->action(), v1::SEND_TO);
  EXPECT_EQ(back2->library(), "libraries/main");
  auto arrived2 = Receive(main, "life-2", "main");
  ASSERT_TRUE(arrived2.ok());
  EXPECT_EQ(arrived2->action(), v1::HOLD_SHELF);
  const std::string r4 = Mine(p4, rec).reservation_id();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE reservation_id = " + r4), 0);  // R10: the call list instead
  auto calls = main.ListCalls(v1::ListCallsRequest());
  ASSERT_TRUE(calls.ok());
  ASSERT_EQ(calls->entries_size(), 1);
  EXPECT_EQ(calls->entries(0).patron_number(), "0000004");
  EXPECT_FALSE(calls->entries(0).called());
  v1::MarkCalledRequest mark;
  mark.set_name("reservations/" + r4);
  auto marked = main.MarkCalled(mark);
  ASSERT_TRUE(marked.ok()) << marked.status();
  EXPECT_TRUE(marked->called());
  auto shelf = main.ListHoldShelf(v1::ListHoldShelfRequest());
  ASSERT_TRUE(shelf.ok());
  ASSERT_EQ(shelf->entries_size(), 1);
  EXPECT_EQ(shelf->entries(0).barcode(), "life-2");

  // p1 never collects: the deadline passes. p4's deadline is today: never expired on the day itself (R12).
  Sql("UPDATE reservation SET pickup_deadline = '" + Today(-1) + "' WHERE id = " + r1.reservation_id());
  Sql("UPDATE reservation SET pickup_deadline = '" + Today() + "' WHERE id = " + r4);
  std::string out;
  ASSERT_TRUE(RunAdmin(database_, {"jobs", "expire-holds"}, &out).ok()) << out;
  EXPECT_THAT(out, HasSubstr("1 expired"));
  EXPECT_EQ(One("SELECT state FROM reservation WHERE id = " + r1.reservation_id()), "6");  // EXPIRED
  EXPECT_EQ(Mine(p4, rec).state(), v1::SECURED);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'expire_hold'"), 1);
  // Passed on: p5 picks up at main, so copy 1 travels from the branch (told only on arrival, R14).
  EXPECT_EQ(Mine(p5, rec).state(), v1::IN_TRANSIT);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE reservation_id = " + Mine(p5, rec).reservation_id()), 0);
  // Twice: nothing more.
  ASSERT_TRUE(RunAdmin(database_, {"jobs", "expire-holds"}, &out).ok()) << out;
  EXPECT_THAT(out, HasSubstr("0 expired"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'expire_hold'"), 1);

  // Copy 1 arrives at main: secured for p5, who collects it (B4: fulfils the reservation, R3 counter −1).
  auto arrived3 = Receive(main, "life-1", "main");
  ASSERT_TRUE(arrived3.ok());
  EXPECT_EQ(arrived3->action(), v1::HOLD_SHELF);
  EXPECT_EQ(arrived3->patron_number(), "0000005");
  const std::string r5 = Mine(p5, rec).reservation_id();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE reservation_id = " + r5), 1);
  auto collected = Checkout(main, "0000005", "life-1", "main");
  ASSERT_TRUE(collected.ok()) << collected.status();
  EXPECT_EQ(collected->fulfilled_reservation(), "reservations/" + r5);
  EXPECT_EQ(One("SELECT state FROM reservation WHERE id = " + r5), "4");  // FULFILLED
  EXPECT_EQ(One("SELECT active_reservations FROM patron WHERE patron_number = '0000005'"), "0");

  // p4 cancels the secured copy 2 (R14): nobody waits, so it goes home to the branch.
  v1::CancelReservationRequest cancel;
  cancel.set_name("reservations/" + r4);
  ASSERT_TRUE(p4.CancelReservation(cancel).ok());
  EXPECT_EQ(One("SELECT CONCAT(status, ' ', current_library, ' ', transit_from) FROM copy WHERE barcode = 'life-2'"),
            "3 branch main");
  auto home = Receive(branch, "life-2", "branch");
  ASSERT_TRUE(home.ok());
  EXPECT_EQ(home->action(), v1::SHELVE);
  // On the branch's shelf, it was sent to nobody: "received" at main is refused (it was shelved at main).
  EXPECT_EQ(ErrorReason(Receive(main, "life-2", "main").status()), "NOT_IN_TRANSIT");
  EXPECT_EQ(One("SELECT CONCAT(status, ' ', current_library) FROM copy WHERE barcode = 'life-2'"), "1 branch");
  EXPECT_EQ(ErrorReason(Receive(branch, "life-2", "branch").status()), "NOT_IN_TRANSIT");  // received already
}

TEST_F(CirculationTest, CancellingInTransitPassesTheCopyOn) {  // R14
  const std::string rec = AddTitle("cancel", {"main"});
  Client main = Main();
  Client p1 = Patron("0000001", "shiori01");
  Client p4 = Patron("0000004", "shiori04");
  ASSERT_TRUE(Reserve(p1, rec, "branch").ok());
  ASSERT_TRUE(Reserve(p4, rec, "branch").ok());
  // On the shelf when reserved: on main's pull list (R9); scanning it sends it to the branch.
  auto pull = main.ListPullList(v1::ListPullListRequest());
  ASSERT_TRUE(pull.ok());
  ASSERT_EQ(pull->entries_size(), 1);
  EXPECT_EQ(pull->entries(0).barcode(), "cancel-1");
  EXPECT_EQ(pull->entries(0).waiting(), 2);
  auto sent = Checkin(main, "cancel-1", "main");
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->action(), v1::SEND_TO);
  EXPECT_FALSE(sent->has_returned_loan());  // not on loan: not an error, the same routing
  // p1 cancels while it travels: p4 also picks up at the branch, so the copy now travels for p4.
  v1::CancelReservationRequest cancel;
  cancel.set_name(Mine(p1, rec).name());
  ASSERT_TRUE(p1.CancelReservation(cancel).ok());
  EXPECT_EQ(Mine(p4, rec).state(), v1::IN_TRANSIT);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 0);  // told only on arrival
  Client branch = Branch();
  auto arrived = Receive(branch, "cancel-1", "branch");
  ASSERT_TRUE(arrived.ok());
  EXPECT_EQ(arrived->patron_number(), "0000004");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 1);
}

TEST_F(CirculationTest, StaffReserveForAPatronAtTheCounter) {  // R3, R6, R8: 窓口予約, every channel counts
  const std::string rec = AddTitle("counter", {"main"});
  Client main = Main();
  v1::PlaceReservationRequest req;
  req.set_record(rec);
  req.set_pickup_library("branch");
  req.set_notify_method(v1::TELEPHONE);
  // Staff name the patron; without one, or with an unknown one, nothing is placed.
  auto nobody = main.PlaceReservation(req);
  EXPECT_EQ(nobody.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(nobody.status().message()), HasSubstr("patron_number"));
  req.set_patron_number("9999999");
  EXPECT_EQ(main.PlaceReservation(req).status().code(), absl::StatusCode::kNotFound);
  req.set_patron_number("0000002");  // wide-area: not at the counter either (R6)
  EXPECT_EQ(ErrorReason(main.PlaceReservation(req).status()), "WIDE_AREA_PATRON_CANNOT_RESERVE");
  req.set_patron_number("０００００04");  // as typed at the desk (P3)
  auto placed = main.PlaceReservation(req);
  ASSERT_TRUE(placed.ok()) << placed.status();
  EXPECT_EQ(placed->channel(), v1::COUNTER);
  EXPECT_EQ(placed->queue_position(), 1);
  // The patron's own: listed, counted (R3), and the same queue as the internet's (R8).
  Client p4 = Patron("0000004", "shiori04");
  EXPECT_EQ(Mine(p4, rec).channel(), v1::COUNTER);
  EXPECT_EQ(One("SELECT active_reservations FROM patron WHERE patron_number = '0000004'"), "1");
  EXPECT_EQ(ErrorReason(Reserve(p4, rec, "main").status()), "ALREADY_RESERVED");
  Client p1 = Patron("0000001", "shiori01");
  auto second = Reserve(p1, rec, "main");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->queue_position(), 2);
  // A patron reserves only for themselves.
  v1::PlaceReservationRequest other = req;
  other.set_patron_number("0000005");
  EXPECT_EQ(p1.PlaceReservation(other).status().code(), absl::StatusCode::kInvalidArgument);
  // The desk's entry names the staff member and the title, not the patron (B6).
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE '%PlaceReservation' AND actor LIKE 'staff:%'"),
            4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE '%PlaceReservation'"
                  " AND CONCAT(target, ' ', detail) LIKE '%0000004%'"),
            0);
}

TEST_F(CirculationTest, APullListLeavesACopyThePickupLibraryHasItself) {  // R9
  const std::string rec = AddTitle("both", {"main", "branch"});
  Client main = Main();
  Client branch = Branch();
  Client p1 = Patron("0000001", "shiori01");
  ASSERT_TRUE(Reserve(p1, rec, "branch").ok());
  auto barcodes = [](const absl::StatusOr<v1::ListPullListResponse>& list) {
    std::vector<std::string> out;
    if (list.ok()) {
      for (const auto& e : list->entries()) out.push_back(e.barcode());
    }
    return out;
  };
  // The branch fetches its own copy; main does not send one across for it.
  EXPECT_THAT(barcodes(branch.ListPullList(v1::ListPullListRequest())), ElementsAre("both-2"));
  EXPECT_THAT(barcodes(main.ListPullList(v1::ListPullListRequest())), IsEmpty());
  // A second reservation is more than the branch's one copy can serve: main's is fetched too.
  Client p5 = Patron("0000005", "shiori05");
  ASSERT_TRUE(Reserve(p5, rec, "main").ok());
  EXPECT_THAT(barcodes(main.ListPullList(v1::ListPullListRequest())), ElementsAre("both-1"));
  v1::CancelReservationRequest cancel;
  cancel.set_name(Mine(p5, rec).name());
  ASSERT_TRUE(p5.CancelReservation(cancel).ok());
  EXPECT_THAT(barcodes(main.ListPullList(v1::ListPullListRequest())), IsEmpty());
  // With the branch's copy lent, main's is the one to send.
  ASSERT_TRUE(Checkout(branch, "0000004", "both-2", "branch").ok());
  EXPECT_THAT(barcodes(main.ListPullList(v1::ListPullListRequest())), ElementsAre("both-1"));
  EXPECT_THAT(barcodes(branch.ListPullList(v1::ListPullListRequest())), IsEmpty());
}

// The expiry job run from shiori-admin sees the calendars as the server does: the next patron's deadline moves
// over a closure staff entered (R11, L2).
TEST_F(CirculationTest, TheExpiryJobKeepsToStaffClosures) {  // R11, R12, L2
  const std::string rec = AddTitle("expiry", {"main"});
  Client main = Main();
  Client p1 = Patron("0000001", "shiori01");
  Client p4 = Patron("0000004", "shiori04");
  ASSERT_TRUE(Reserve(p1, rec, "main").ok());
  ASSERT_TRUE(Reserve(p4, rec, "main").ok());
  auto secured = Checkin(main, "expiry-1", "main");  // fetched from the pull list: secured for p1
  ASSERT_TRUE(secured.ok()) << secured.status();
  ASSERT_EQ(Mine(p1, rec).state(), v1::SECURED);
  Sql("UPDATE reservation SET pickup_deadline = '" + Today(-1) + "' WHERE id = " + Mine(p1, rec).reservation_id());

  // Closed from the day p4's week would end for a fortnight.
  Client admin = Staff("a0001", "admin001");
  v1::CreateClosureRequest closure;
  closure.set_parent("libraries/main");
  const absl::CivilDay from = TokyoDay(absl::Now()) + 7;
  const absl::CivilDay to = from + 13;
  *closure.mutable_closure()->mutable_start_date() = ProtoDate(from);
  *closure.mutable_closure()->mutable_end_date() = ProtoDate(to);
  closure.mutable_closure()->set_reason("蔵書点検");
  ASSERT_TRUE(admin.CreateClosure(closure).ok());

  std::string out;
  ASSERT_TRUE(RunAdmin(database_, {"jobs", "expire-holds"}, &out).ok()) << out;
  EXPECT_THAT(out, HasSubstr("1 expired"));
  const v1::Reservation next = Mine(p4, rec);
  ASSERT_EQ(next.state(), v1::SECURED);
  const absl::CivilDay deadline(next.pickup_deadline().year(), next.pickup_deadline().month(),
                                next.pickup_deadline().day());
  EXPECT_GT(deadline, to) << absl::FormatCivilTime(deadline);
}

TEST_F(CirculationTest, CheckoutRefusalsAndDuplicates) {  // B4, C3, C4, R5
  Client main = Main();
  const std::string reference = One("SELECT barcode FROM copy WHERE material_type = 8 ORDER BY id LIMIT 1");
  EXPECT_EQ(ErrorReason(Checkout(main, "0000001", reference, "main").status()), "NOT_FOR_LOAN");
  const std::string latest = One(
      "SELECT c.barcode FROM copy c JOIN record r ON r.id = c.record_id WHERE r.latest_issue ORDER BY c.id LIMIT 1");
  ASSERT_FALSE(latest.empty());
  auto refused = Checkout(main, "0000001", latest, "main");
  EXPECT_EQ(ErrorReason(refused.status()), "LATEST_ISSUE_NOT_FOR_LOAN");
  EXPECT_EQ(ErrorMetadata(refused.status(), "rule"), "R5");

  AddTitle("dup", {"main"});
  auto first = Checkout(main, "0000001", "dup-1", "main", "req-dup-1");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_FALSE(first->already_on_loan());
  // The same request again, and a second scan: one loan (B4).
  auto retried = Checkout(main, "0000001", "dup-1", "main", "req-dup-1");
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->loan().loan_id(), first->loan().loan_id());
  auto rescanned = Checkout(main, "0000001", "dup-1", "main");
  ASSERT_TRUE(rescanned.ok());
  EXPECT_TRUE(rescanned->already_on_loan());
  EXPECT_EQ(rescanned->loan().loan_id(), first->loan().loan_id());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan"), 1);
  EXPECT_EQ(ErrorReason(Checkout(main, "0000004", "dup-1", "main").status()), "COPY_ON_LOAN");

  // C4: two audio-visual items at most.
  AddTitle("av1", {"main"}, v1::VIDEO);
  AddTitle("av2", {"main"}, v1::AUDIO);
  AddTitle("av3", {"main"}, v1::VIDEO);
  ASSERT_TRUE(Checkout(main, "0000004", "av1-1", "main").ok());
  ASSERT_TRUE(Checkout(main, "0000004", "av2-1", "main").ok());
  auto limit = Checkout(main, "0000004", "av3-1", "main");
  EXPECT_EQ(ErrorReason(limit.status()), "LOAN_LIMIT_REACHED");
  EXPECT_EQ(ErrorMetadata(limit.status(), "limit"), "2");

  Sql("UPDATE patron SET blocked = TRUE WHERE patron_number = '0000005'");
  EXPECT_EQ(ErrorReason(Checkout(main, "0000005", "av3-1", "main").status()), "PATRON_BLOCKED");
  EXPECT_EQ(Checkout(main, "0000009", "av3-1", "main").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Checkout(main, "0000001", "no-such-copy", "main").status().code(), absl::StatusCode::kNotFound);
  // Every desk action is audited (P10), once: a checkout that lent by the entry of its transaction, a refused
  // one by the call's own entry with the reason.
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'checkout' AND actor = 'staff:s0001'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = '/shiori.v1.LoanService/Checkout' AND detail = 'ok'"),
            0);
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = '/shiori.v1.LoanService/Checkout'"
                  " AND detail LIKE '%LOAN_LIMIT_REACHED%' AND actor = 'staff:s0001'"),
            1);
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = '/shiori.v1.LoanService/Checkout'"
                  " AND detail LIKE 'NOT_FOUND%'"),
            2);
  // A double scan lends nothing and is still in the log (B4, P10).
  ASSERT_TRUE(Checkout(main, "0000004", "av1-1", "main").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'checkout.already_on_loan' AND target = 'copies/av1-1'"),
            1);
}

// A barcode typed by hand on a Japanese keyboard — full-width, a space before or after — is the copy it spells;
// what cannot be one is refused naming the field, before anything is read.
TEST_F(CirculationTest, ABarcodeTypedFullWidthIsTheSameCopy) {  // B4, R9, P10
  Client main = Main();
  const std::string record = AddTitle("wide", {"main"});
  auto lent = Checkout(main, "0000001", "　ｗｉｄｅ－１ ", "main");
  ASSERT_TRUE(lent.ok()) << lent.status();
  EXPECT_EQ(lent->loan().barcode(), "wide-1");
  auto rescanned = Checkout(main, "0000001", "wide-1", "main");
  ASSERT_TRUE(rescanned.ok()) << rescanned.status();
  EXPECT_TRUE(rescanned->already_on_loan());
  auto back = Checkin(main, "ｗｉｄｅ－１", "main");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->barcode(), "wide-1");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan WHERE returned_at IS NOT NULL"), 1);
  for (const std::string typed : {"wide 1", "資料1", ""}) {
    auto refused = Checkin(main, typed, "main");
    EXPECT_EQ(ErrorReason(refused.status()), "INVALID_BARCODE") << typed;
    EXPECT_EQ(ErrorMetadata(refused.status(), "rule"), "R9") << typed;
  }
  EXPECT_EQ(ErrorReason(Checkout(main, "0000001", "wide　1", "main").status()), "INVALID_BARCODE");
  // P10: a refused scan is logged under the copy it spells, as a done one is, so that the copy's entries are found
  // together; one that spells no copy under what was typed, never under the borrower; and a control character
  // (refused, CONTROL_CHARACTER) is logged written out, so that the log cannot drive an admin's terminal.
  EXPECT_EQ(ErrorReason(Receive(main, "ｗｉｄｅ－１ ", "main").status()), "NOT_IN_TRANSIT");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = '/shiori.v1.LoanService/ReceiveTransit'"
                  " AND target = 'copies/wide-1' AND detail LIKE '%NOT_IN_TRANSIT%'"),
            1);
  EXPECT_EQ(ErrorReason(Checkout(main, "0000001", "", "main").status()), "INVALID_BARCODE");
  EXPECT_EQ(ErrorReason(Checkout(main, "0000001", "wide\x1b[2J", "main").status()), "CONTROL_CHARACTER");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE target LIKE '%0000001%'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE target = 'copies/'"), 2);  // this and the empty check-in
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE target = 'copies/wide\\\\x1b[2J'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE target LIKE CONCAT('%', CHAR(27), '%')"), 0);
  // A record named by its bare id is logged under its resource name, as the others are.
  v1::GetRecordRequest get;
  get.set_name(record);  // "12", not "records/12"
  ASSERT_TRUE(main.GetRecord(get).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = '/shiori.v1.LibraryService/GetRecord'"
                  " AND target = 'records/" + record + "'"),
            1);
  // Blank is empty; a typed backslash is not an escape.
  EXPECT_EQ(ErrorReason(Checkin(main, " 　", "main").status()), "INVALID_BARCODE");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE target = 'copies/' AND LENGTH(target) = 7"), 3);
  EXPECT_EQ(Checkin(main, "x\\x1b", "main").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE target = 'copies/x\\\\\\\\x1b'"), 1);
}

// R3, R7: a title a logged-in patron looks at says what placing it would answer them, before they try.
TEST_F(CirculationTest, ATitleSaysWhatReservingItWouldAnswer) {  // R3, R7
  Client main = Main();
  Client patron = Patron("0000004", "shiori04");
  auto outlook = [&](const std::string& record) {
    v1::GetRecordRequest get;
    get.set_name(record);
    auto got = patron.GetRecord(get);
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? (got->reservable() ? std::string("reservable") : got->not_reservable_reason()) : "";
  };
  const std::string lent = AddTitle("outlook-lent", {"main"});
  ASSERT_TRUE(Checkout(main, "0000004", "outlook-lent-1", "main").ok());
  EXPECT_EQ(outlook(lent), "ALREADY_ON_LOAN");
  std::vector<std::string> titles;
  for (int i = 0; i < 11; ++i) titles.push_back(AddTitle(absl::StrCat("outlook-", i), {"main", "branch"}));
  EXPECT_EQ(outlook(titles[0]), "reservable");
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(Reserve(patron, titles[i], "main", v1::TELEPHONE).ok()) << i;
  EXPECT_EQ(outlook(titles[0]), "ALREADY_RESERVED");
  EXPECT_EQ(outlook(titles[10]), "HOLD_LIMIT_REACHED");  // the 11th (R3: 10)
  EXPECT_EQ(ErrorReason(Reserve(patron, titles[10], "main", v1::TELEPHONE).status()), "HOLD_LIMIT_REACHED");
}

// R8, R9: a copy on the shelf of a title others wait for belongs to the first in the queue. The desk lends it
// to someone else only while enough other copies are free for everyone ahead; the first in the queue collects.
TEST_F(CirculationTest, AShelfCopyGoesToTheQueueFirst) {  // R8, R9, B4
  const std::string rec = AddTitle("queue", {"main", "branch"});
  Client main = Main();
  Client p1 = Patron("0000001", "shiori01");
  Client p5 = Patron("0000005", "shiori05");
  ASSERT_TRUE(Reserve(p1, rec, "main").ok());
  // One waits, two copies are free: a walk-in may take one.
  ASSERT_TRUE(Checkout(main, "0000004", "queue-1", "main").ok());
  // The other is the only one left for p1: nobody else, not even p5 who queued after p1, takes it.
  ASSERT_TRUE(Reserve(p5, rec, "main").ok());
  Client branch = Branch();
  auto refused = Checkout(branch, "0000002", "queue-2", "branch");
  EXPECT_EQ(ErrorReason(refused.status()), "COPY_NEEDED_FOR_RESERVATION");
  EXPECT_EQ(ErrorMetadata(refused.status(), "rule"), "R9");
  EXPECT_EQ(ErrorReason(Checkout(branch, "0000005", "queue-2", "branch").status()), "COPY_NEEDED_FOR_RESERVATION");
  auto collected = Checkout(branch, "0000001", "queue-2", "branch");  // the first in the queue
  ASSERT_TRUE(collected.ok()) << collected.status();
  EXPECT_FALSE(collected->fulfilled_reservation().empty());
}

TEST_F(CirculationTest, CheckoutFulfilsTheBorrowersReservation) {  // B1 予約あり, R7, B4
  const std::string rec = AddTitle("ful", {"main"});
  Client main = Main();
  Client p1 = Patron("0000001", "shiori01");
  Client p4 = Patron("0000004", "shiori04");
  ASSERT_TRUE(Reserve(p1, rec, "main").ok());
  // p1's own reservation, still waiting, is fulfilled by the loan and does not count as another's.
  auto lent = Checkout(main, "0000001", "ful-1", "main", "req-ful-1");
  ASSERT_TRUE(lent.ok()) << lent.status();
  EXPECT_FALSE(lent->fulfilled_reservation().empty());
  EXPECT_FALSE(lent->loan().reserved_by_others());
  v1::CancelReservationRequest late;  // a loan now: nothing to cancel, and never "cancelled" (R14)
  late.set_name(lent->fulfilled_reservation());
  EXPECT_EQ(ErrorReason(p1.CancelReservation(late).status()), "RESERVATION_ENDED");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation WHERE state = 1"), 0);
  EXPECT_EQ(One("SELECT active_reservations FROM patron WHERE patron_number = '0000001'"), "0");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation WHERE state = 4"), 1);  // FULFILLED while the loan is open
  ASSERT_TRUE(Checkin(main, "ful-1", "main").ok());
  // B6: returned, the loan forgets its patron, and so does the reservation it fulfilled.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation WHERE state = 4"), 0);
  // Now p4 waits too, behind p1's new reservation: p1's loan shows the title reserved by others.
  ASSERT_TRUE(Reserve(p1, rec, "main").ok());
  ASSERT_TRUE(Reserve(p4, rec, "main").ok());
  auto again = Checkout(main, "0000001", "ful-1", "main");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->loan().reserved_by_others());
  // The first request retried after all this lends nothing (idempotent), and says its loan was returned
  // rather than that the copy is on loan by it.
  auto retried = Checkout(main, "0000001", "ful-1", "main", "req-ful-1");
  EXPECT_EQ(ErrorReason(retried.status()), "LOAN_RETURNED");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan"), 2);
}

// R2, R10, P7: a reservation placed without a notice method follows the patron's own choice — telephone
// when they chose it (the call list, no mail with nowhere to go), mail when a confirmed address gets their
// notices; a method given wins.
TEST_F(CirculationTest, AReservationWithoutAMethodFollowsThePatronsChoice) {  // R2, R10, P7
  Client p1 = Patron("0000001", "shiori01");
  const std::string rec = AddTitle("choice", {"main"});
  v1::SetHoldNoticeRequest phone;
  phone.set_method(v1::TELEPHONE);
  ASSERT_TRUE(p1.SetHoldNotice(phone).ok());
  auto placed = Reserve(p1, rec, "main", v1::NOTIFY_METHOD_UNSPECIFIED);
  ASSERT_TRUE(placed.ok()) << placed.status();
  EXPECT_EQ(placed->notify_method(), v1::TELEPHONE);
  Client main = Main();
  ASSERT_TRUE(Checkin(main, "choice-1", "main").ok());  // fetched from the pull list: secured
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE reservation_id = " + placed->reservation_id()), 0);
  auto calls = main.ListCalls(v1::ListCallsRequest());
  ASSERT_TRUE(calls.ok()) << calls.status();
  ASSERT_EQ(calls->entries_size(), 1);
  EXPECT_EQ(calls->entries(0).patron_number(), "0000001");

  // A patron with no confirmed address and no choice: the telephone too; mail asked for is refused (R2), in a
  // preview too. With an address: mail.
  ForgetMailAddresses("0000004");
  Client p4 = Patron("0000004", "shiori04");
  const std::string second = AddTitle("choice2", {"main"});
  auto no_address = Reserve(p4, second, "main", v1::EMAIL);
  EXPECT_EQ(ErrorReason(no_address.status()), "NO_CONFIRMED_EMAIL");
  EXPECT_EQ(ErrorMetadata(no_address.status(), "rule"), "R2");
  v1::PlaceReservationRequest preview;
  preview.set_record(second);
  preview.set_pickup_library("main");
  preview.set_notify_method(v1::EMAIL);
  preview.set_validate_only(true);
  EXPECT_EQ(ErrorReason(p4.PlaceReservation(preview).status()), "NO_CONFIRMED_EMAIL");
  auto unreachable = Reserve(p4, second, "main", v1::NOTIFY_METHOD_UNSPECIFIED);
  ASSERT_TRUE(unreachable.ok()) << unreachable.status();
  EXPECT_EQ(unreachable->notify_method(), v1::TELEPHONE);
  v1::MarkCalledRequest early;  // not on the hold shelf yet: nobody to call (R10)
  early.set_name(unreachable->name());
  EXPECT_EQ(ErrorReason(main.MarkCalled(early).status()), "NOT_ON_HOLD_SHELF");
  v1::ListReservationsRequest paged;
  paged.set_page_token("junk");
  EXPECT_EQ(ErrorReason(p4.ListReservations(paged).status()), "INVALID_PAGE_TOKEN");
  Sql("INSERT INTO patron_email (patron_id, slot, address, confirmed_at, created_at) SELECT id, 1, 'p4@example.jp',"
      " NOW(), NOW() FROM patron WHERE patron_number = '0000004'");
  Sql("UPDATE patron SET hold_notice_method = 1, hold_notice_slot = 1 WHERE patron_number = '0000004'");
  auto by_mail = Reserve(p4, rec, "main", v1::NOTIFY_METHOD_UNSPECIFIED);
  ASSERT_TRUE(by_mail.ok()) << by_mail.status();
  EXPECT_EQ(by_mail->notify_method(), v1::EMAIL);
  // p1 chose the telephone and has a confirmed address: mail asked for on a reservation is sent there.
  const std::string third = AddTitle("choice3", {"main"});
  auto chosen = Reserve(p1, third, "main", v1::EMAIL);
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  EXPECT_EQ(chosen->notify_method(), v1::EMAIL);
  ASSERT_TRUE(Checkin(main, "choice3-1", "main").ok());
  EXPECT_EQ(One("SELECT recipient FROM outbox WHERE reservation_id = " + chosen->reservation_id()),
            "0000001@example.jp");
  v1::MarkCalledRequest by_mail_call;  // told by mail: not on the call list, not phoned about (R10, R15)
  by_mail_call.set_name(chosen->name());
  EXPECT_EQ(ErrorReason(main.MarkCalled(by_mail_call).status()), "NOT_ON_CALL_LIST");
}

TEST_F(CirculationTest, ReadyNoticeGoesToTheChosenConfirmedAddress) {  // R10, P7
  Client main = Main();
  Client p1 = Patron("0000001", "shiori01");
  const std::string patron = "(SELECT id FROM patron WHERE patron_number = '0000001')";
  // Gives p1 these addresses (slot, address, confirmed) and this choice, secures a fresh title's copy for p1
  // and answers the ready notice's recipient and its parameters.
  auto secure_with = [&](const std::string& key, std::vector<std::tuple<int, std::string, bool>> addresses,
                         int method, const std::string& slot,
                         const std::string& after_placing = "") -> std::pair<std::string, std::string> {
    Sql("DELETE FROM patron_email WHERE patron_id = " + patron);
    for (const auto& [n, address, confirmed] : addresses) {
      Sql(absl::StrCat("INSERT INTO patron_email (patron_id, slot, address, confirmed_at, created_at) SELECT id, ", n,
                       ", '", address, "', ", confirmed ? "NOW()" : "NULL", ", NOW() FROM patron WHERE patron_number",
                       " = '0000001'"));
    }
    Sql(absl::StrCat("UPDATE patron SET hold_notice_method = ", method, ", hold_notice_slot = ", slot,
                     " WHERE patron_number = '0000001'"));
    const std::string rec = AddTitle(key, {"main"});
    EXPECT_TRUE(Checkout(main, "0000002", key + "-1", "main").ok());
    auto placed = Reserve(p1, rec, "main");
    EXPECT_TRUE(placed.ok()) << placed.status();
    if (!after_placing.empty()) Sql(after_placing);
    auto back = Checkin(main, key + "-1", "main");
    EXPECT_TRUE(back.ok()) << back.status();
    if (!placed.ok() || !back.ok()) return {};
    EXPECT_EQ(back->action(), v1::HOLD_SHELF);
    EXPECT_EQ(back->patron_number(), "0000001");
    const std::string of = " FROM outbox WHERE reservation_id = " + placed->reservation_id();
    EXPECT_EQ(Count("SELECT COUNT(*)" + of), 1);
    return {One("SELECT recipient" + of), One("SELECT params" + of)};
  };
  const std::string library = One("SELECT display_name FROM library WHERE id = 'main'");
  ASSERT_FALSE(library.empty());

  // The chosen slot, when confirmed; the notice names the pickup library.
  auto [to, params] = secure_with("nt1", {{1, "one@example.jp", true}, {2, "two@example.jp", true}}, 1, "2");
  EXPECT_EQ(to, "two@example.jp");
  EXPECT_THAT(params, HasSubstr("\"pickup_library\":\"" + library + "\""));
  // No choice made: the first confirmed address, never an unconfirmed one.
  EXPECT_EQ(secure_with("nt2", {{1, "one@example.jp", true}, {2, "two@example.jp", true}}, 0, "NULL").first,
            "one@example.jp");
  EXPECT_EQ(secure_with("nt3", {{1, "one@example.jp", false}, {2, "two@example.jp", true}}, 0, "NULL").first,
            "two@example.jp");
  // The chosen slot removed after the reservation asked for mail: no address (the sender marks the notice
  // failed, R15). While it is unconfirmed, mail cannot be asked for (R2).
  EXPECT_EQ(secure_with("nt4", {{1, "one@example.jp", true}, {2, "two@example.jp", true}}, 1, "2",
                        "DELETE FROM patron_email WHERE slot = 2 AND patron_id = " + patron)
                .first,
            "");
  const std::string unconfirmed = AddTitle("nt5", {"main"});
  Sql("UPDATE patron_email SET confirmed_at = NULL WHERE patron_id = " + patron);
  EXPECT_EQ(ErrorReason(Reserve(p1, unconfirmed, "main").status()), "NO_CONFIRMED_EMAIL");
}

// R9, R10: a secured copy taken off its hold shelf and scanned at the other library's desk goes back in transit
// (the desks' transit lists show it); on arrival it is shelved again, still secured with its deadline and its one
// ready notice.
TEST_F(CirculationTest, ASecuredCopyScannedAtTheOtherDeskGoesBack) {  // R9, R10, R11
  const std::string rec = AddTitle("stray", {"branch"});
  Client main = Main();
  Client branch = Branch();
  Client p1 = Patron("0000001", "shiori01");
  auto placed = Reserve(p1, rec, "branch");
  ASSERT_TRUE(placed.ok()) << placed.status();
  auto secured = Checkin(branch, "stray-1", "branch");  // from the pull list to the hold shelf
  ASSERT_TRUE(secured.ok()) << secured.status();
  ASSERT_EQ(secured->action(), v1::HOLD_SHELF);
  const v1::Reservation before = Mine(p1, rec);
  ASSERT_EQ(before.state(), v1::SECURED);

  auto stray = Checkin(main, "stray-1", "main");
  ASSERT_TRUE(stray.ok()) << stray.status();
  EXPECT_EQ(stray->action(), v1::SEND_TO);
  EXPECT_EQ(stray->library(), "libraries/branch");
  auto transits = main.ListTransits(v1::ListTransitsRequest());
  ASSERT_TRUE(transits.ok()) << transits.status();
  ASSERT_EQ(transits->outgoing_size(), 1);
  EXPECT_EQ(transits->outgoing(0).barcode(), "stray-1");
  v1::ListTransitsRequest at_branch;
  at_branch.set_library("branch");
  auto expected = branch.ListTransits(at_branch);
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(expected->expected_size(), 1);

  auto arrived = Receive(branch, "stray-1", "branch");
  ASSERT_TRUE(arrived.ok()) << arrived.status();
  EXPECT_EQ(arrived->action(), v1::HOLD_SHELF);
  const v1::Reservation after = Mine(p1, rec);
  EXPECT_EQ(after.state(), v1::SECURED);
  EXPECT_EQ(after.pickup_deadline().day(), before.pickup_deadline().day());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'hold_ready' AND reservation_id = " +
                  placed->reservation_id()),
            1);
  ASSERT_TRUE(Checkout(branch, "0000001", "stray-1", "branch").ok());  // collected
}

TEST_F(CirculationTest, CheckingOutAnotherCopyPassesTheSecuredOneOn) {  // R12, R14, B1 予約あり
  const std::string rec = AddTitle("pass", {"main", "main"});
  Client main = Main();
  ASSERT_TRUE(Checkout(main, "0000002", "pass-1", "main").ok());
  Client p1 = Patron("0000001", "shiori01");
  Client p4 = Patron("0000004", "shiori04");
  ASSERT_TRUE(Reserve(p1, rec, "main").ok());
  auto back = Checkin(main, "pass-1", "main");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->action(), v1::HOLD_SHELF);  // secured for p1
  ASSERT_TRUE(Reserve(p4, rec, "main").ok());
  // p1 borrows the other copy instead: the secured one goes to p4, so nobody else waits any more.
  auto lent = Checkout(main, "0000001", "pass-2", "main");
  ASSERT_TRUE(lent.ok()) << lent.status();
  EXPECT_FALSE(lent->fulfilled_reservation().empty());
  EXPECT_FALSE(lent->loan().reserved_by_others());
  v1::CancelReservationRequest late;  // a loan now: nothing to cancel, and never "cancelled" (R14)
  late.set_name(lent->fulfilled_reservation());
  EXPECT_EQ(ErrorReason(p1.CancelReservation(late).status()), "RESERVATION_ENDED");
  EXPECT_EQ(Mine(p4, rec).state(), v1::SECURED);
}

// A hold that ends while its copy stands on the hold shelf at the copy's own library (cancelled, expired, or the
// patron took another copy) frees the copy at once — but it is still on that shelf: the desk's hold-shelf list
// names it until it is scanned, lent or routed, so it goes back to the open shelves (R12, R14).
TEST_F(CirculationTest, ACopyFreedOnTheHoldShelfIsListedUntilScanned) {  // R12, R14
  const std::string rec = AddTitle("left", {"main", "main"});
  Client main = Main();
  Client p1 = Patron("0000001", "shiori01");
  Client p4 = Patron("0000004", "shiori04");
  ASSERT_TRUE(Checkout(main, "0000002", "left-1", "main").ok());
  ASSERT_TRUE(Checkout(main, "0000005", "left-2", "main").ok());
  ASSERT_TRUE(Reserve(p1, rec, "main").ok());
  ASSERT_TRUE(Reserve(p4, rec, "main").ok());
  ASSERT_EQ(Checkin(main, "left-1", "main")->action(), v1::HOLD_SHELF);  // for p1
  ASSERT_EQ(Checkin(main, "left-2", "main")->action(), v1::HOLD_SHELF);  // for p4
  auto left_on_shelf = [&] {
    auto shelf = main.ListHoldShelf(v1::ListHoldShelfRequest());
    EXPECT_TRUE(shelf.ok()) << shelf.status();
    std::vector<std::string> barcodes;
    if (shelf.ok()) {
      for (const auto& l : shelf->left_on_shelf()) barcodes.push_back(l.barcode());
    }
    return barcodes;
  };
  EXPECT_TRUE(left_on_shelf().empty());
  // p1 cancels; nobody else waits: free, shelved here, and listed.
  v1::CancelReservationRequest cancel;
  cancel.set_name("reservations/" + Mine(p1, rec).reservation_id());
  ASSERT_TRUE(p1.CancelReservation(cancel).ok());
  EXPECT_EQ(One("SELECT status FROM copy WHERE barcode = 'left-1'"), "1");
  EXPECT_EQ(left_on_shelf(), std::vector<std::string>{"left-1"});
  // p4's hold expires: listed too.
  Sql("UPDATE reservation SET pickup_deadline = '" + Today(-1) + "' WHERE id = " + Mine(p4, rec).reservation_id());
  std::string out;
  ASSERT_TRUE(RunAdmin(database_, {"jobs", "expire-holds"}, &out).ok()) << out;
  EXPECT_EQ(left_on_shelf(), (std::vector<std::string>{"left-1", "left-2"}));
  // Somebody reserves the title: the copies are on the pull list, to be fetched from the hold shelf, and not
  // under "back to the open shelves"; the reservation cancelled, they are back there.
  Client p5 = Patron("0000005", "shiori05");
  auto waiting = Reserve(p5, rec, "main", v1::TELEPHONE);
  ASSERT_TRUE(waiting.ok()) << waiting.status();
  EXPECT_TRUE(left_on_shelf().empty());
  auto pull = main.ListPullList(v1::ListPullListRequest());
  ASSERT_TRUE(pull.ok()) << pull.status();
  int fetched_from_hold_shelf = 0;
  for (const auto& e : pull->entries()) fetched_from_hold_shelf += e.on_hold_shelf() && e.record() == "records/" + rec ? 1 : 0;
  EXPECT_EQ(fetched_from_hold_shelf, 2);
  v1::CancelReservationRequest withdraw;
  withdraw.set_name(waiting->name());
  ASSERT_TRUE(p5.CancelReservation(withdraw).ok());
  EXPECT_EQ(left_on_shelf(), (std::vector<std::string>{"left-1", "left-2"}));
  // Scanned at the desk: back on the open shelves, off the list. Lent from the hold shelf: off the list too.
  auto scanned = Checkin(main, "left-1", "main");
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  EXPECT_EQ(scanned->action(), v1::SHELVE);
  EXPECT_EQ(left_on_shelf(), std::vector<std::string>{"left-2"});
  ASSERT_TRUE(Checkout(main, "0000001", "left-2", "main").ok());
  EXPECT_TRUE(left_on_shelf().empty());
}

TEST_F(CirculationTest, RequestIdsAreVisibleCharactersOnly) {  // request_id (AIP-155)
  AddTitle("rid", {"main"});
  Client main = Main();
  for (const std::string& bad : std::vector<std::string>{" ", "r1 ", "ｒ１", std::string(65, 'x')}) {
    auto refused = Checkout(main, "0000001", "rid-1", "main", bad);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << "'" << bad << "'";
    EXPECT_THAT(std::string(refused.status().message()), HasSubstr("request_id")) << "'" << bad << "'";
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan"), 0);
  // Without a request id (from a caller other than the SDK, which fills one in), a checkout matches no
  // earlier loan, not even one made without a request id.
  AddTitle("rid2", {"main"});
  auto stub = v1::LoanService::NewStub(grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  for (const std::string& barcode : {std::string("rid-1"), std::string("rid2-1")}) {
    grpc::ClientContext call;
    call.AddMetadata("authorization", "Bearer " + main.session_token());
    v1::CheckoutRequest req;
    req.set_patron_number(barcode == "rid-1" ? "0000001" : "0000004");
    req.set_barcode(barcode);
    req.set_library("main");
    v1::CheckoutResponse lent;
    grpc::Status s = stub->Checkout(&call, req, &lent);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_FALSE(lent.already_on_loan()) << barcode;
    EXPECT_EQ(lent.loan().barcode(), barcode);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan"), 2);
}

// A request id names one call: a retry repeats it and gets its result; the same id on a different call is
// refused by name, and nothing is done or shown of the first call (B4, AIP-155).
TEST_F(CirculationTest, ARequestIdIsOneCall) {  // B4, R7
  AddTitle("one", {"main"});
  AddTitle("two", {"main", "branch"});
  Client main = Main();
  auto first = Checkout(main, "0000001", "one-1", "main", "req-one");
  ASSERT_TRUE(first.ok()) << first.status();
  auto other_patron = Checkout(main, "0000004", "two-1", "main", "req-one");
  EXPECT_EQ(ErrorReason(other_patron.status()), "REQUEST_ID_REUSED");
  EXPECT_THAT(std::string(other_patron.status().message()), HasSubstr("request_id"));
  Client branch = Branch();
  EXPECT_EQ(ErrorReason(Checkout(branch, "0000001", "two-2", "branch", "req-one").status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(ErrorReason(Checkout(main, "0000001", "two-1", "main", "req-one").status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan"), 1);
  auto retried = Checkout(main, "0000001", "one-1", "main", "req-one");
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->loan().loan_id(), first->loan().loan_id());

  Client patron = Patron("0000005", "shiori05");
  const std::string two = One("SELECT id FROM record WHERE source_id = 'two'");
  v1::PlaceReservationRequest place;
  place.set_record(two);
  place.set_pickup_library("main");
  place.set_notify_method(v1::EMAIL);
  place.set_request_id("req-place");
  auto placed = patron.PlaceReservation(place);
  ASSERT_TRUE(placed.ok()) << placed.status();
  auto again = patron.PlaceReservation(place);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->name(), placed->name());
  EXPECT_EQ(again->title(), placed->title());
  v1::PlaceReservationRequest changed = place;
  changed.set_pickup_library("branch");
  EXPECT_EQ(ErrorReason(patron.PlaceReservation(changed).status()), "REQUEST_ID_REUSED");
  changed = place;
  changed.set_record(One("SELECT id FROM record WHERE source_id = 'one'"));
  EXPECT_EQ(ErrorReason(patron.PlaceReservation(changed).status()), "REQUEST_ID_REUSED");
  // The same id from another patron, or from the counter for another patron, is not a second reservation.
  Client another = Patron("0000004", "shiori04");
  EXPECT_EQ(ErrorReason(another.PlaceReservation(place).status()), "REQUEST_ID_REUSED");
  v1::PlaceReservationRequest at_counter = place;
  at_counter.set_patron_number("0000004");
  EXPECT_EQ(ErrorReason(main.PlaceReservation(at_counter).status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation"), 1);

  // A renewal's id renews one loan (B2): the same id on another loan is refused, not a second renewal.
  ASSERT_TRUE(Checkout(main, "0000001", "two-1", "main").ok());
  Client borrower = Patron("0000001", "shiori01");
  auto loans = borrower.ListLoans(v1::ListLoansRequest());
  ASSERT_TRUE(loans.ok()) << loans.status();
  ASSERT_EQ(loans->loans_size(), 2);
  Sql("UPDATE loan SET due_date = '" + Today(3) + "' WHERE returned_at IS NULL");  // a renewal extends them
  v1::ListLoansRequest paged;  // one page by nature (C4): a token is refused, not read as the first page
  paged.set_page_token("junk");
  EXPECT_EQ(ErrorReason(borrower.ListLoans(paged).status()), "INVALID_PAGE_TOKEN");
  v1::RenewLoanRequest renew;
  renew.set_name(loans->loans(0).name());
  renew.set_request_id("req-renew");
  ASSERT_TRUE(borrower.RenewLoan(renew).ok());
  ASSERT_TRUE(borrower.RenewLoan(renew).ok());  // a retry
  renew.set_name(loans->loans(1).name());
  EXPECT_EQ(ErrorReason(borrower.RenewLoan(renew).status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan WHERE renewals > 0"), 1);

  // A check-in's id returns one loan (R9): a retry answers with that loan, another copy's scan is refused.
  v1::CheckinRequest scan;
  scan.set_barcode("one-1");
  scan.set_library("main");
  scan.set_request_id("req-return");
  auto returned = main.Checkin(scan);
  ASSERT_TRUE(returned.ok()) << returned.status();
  ASSERT_TRUE(returned->has_returned_loan());
  auto repeated = main.Checkin(scan);
  ASSERT_TRUE(repeated.ok()) << repeated.status();
  ASSERT_TRUE(repeated->has_returned_loan()) << "a retry answers with the loan it returned";
  EXPECT_EQ(repeated->returned_loan().loan_id(), returned->returned_loan().loan_id());
  EXPECT_EQ(repeated->returned_late(), returned->returned_late());
  EXPECT_EQ(repeated->action(), returned->action());
  // The checkout's id again, now that its loan is returned: not "already on loan", for its patron or another
  // (whose number the returned loan no longer keeps, B6).
  for (const char* number : {"0000001", "0000004"}) {
    auto late_retry = Checkout(main, number, "one-1", "main", "req-one");
    EXPECT_EQ(ErrorReason(late_retry.status()), "LOAN_RETURNED") << number;
  }
  v1::CheckinRequest elsewhere = scan;  // the same id at the other library's desk is another call
  elsewhere.set_library("branch");
  EXPECT_EQ(ErrorReason(branch.Checkin(elsewhere).status()), "REQUEST_ID_REUSED");
  v1::ReceiveTransitRequest receive;
  receive.set_barcode("one-1");
  receive.set_library("main");
  receive.set_request_id("req-return");
  EXPECT_EQ(ErrorReason(main.ReceiveTransit(receive).status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(One("SELECT CONCAT(status, ' ', current_library) FROM copy WHERE barcode = 'one-1'"), "1 main");
  scan.set_barcode("two-1");
  EXPECT_EQ(ErrorReason(main.Checkin(scan).status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan WHERE returned_at IS NULL"), 1);  // two-1 still lent
  // Lent again since: the retry changes nothing and says so.
  scan.set_barcode("one-1");
  ASSERT_TRUE(Checkout(main, "0000004", "one-1", "main").ok());
  EXPECT_EQ(ErrorReason(main.Checkin(scan).status()), "COPY_LENT_AGAIN");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan WHERE returned_at IS NULL"), 2);
}

// A scan that ends no loan — a pull-list copy checked in, a transit received — keeps its request id too: a retry
// answers where the copy is, and the id at the other desk or on another copy is refused, not a second scan that
// moves the copy again (R9).
TEST_F(CirculationTest, APullListScanIsOneCall) {  // R9
  Client main = Main();
  Client branch = Branch();
  const std::string rec = AddTitle("pull-id", {"main", "main"});
  Client p1 = Patron("0000001", "shiori01");
  ASSERT_TRUE(Reserve(p1, rec, "main").ok());
  v1::CheckinRequest scan;
  scan.set_barcode("pull-id-1");
  scan.set_library("main");
  scan.set_request_id("req-pull-scan");
  auto first = main.Checkin(scan);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->action(), v1::HOLD_SHELF);
  auto again = main.Checkin(scan);  // a retry: the same answer
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->action(), v1::HOLD_SHELF);
  EXPECT_EQ(again->reservation(), first->reservation());
  v1::CheckinRequest elsewhere = scan;
  elsewhere.set_library("branch");
  EXPECT_EQ(ErrorReason(branch.Checkin(elsewhere).status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(One("SELECT CONCAT(status, ' ', current_library) FROM copy WHERE barcode = 'pull-id-1'"), "4 main");
  v1::CheckinRequest other = scan;
  other.set_barcode("pull-id-2");
  EXPECT_EQ(ErrorReason(main.Checkin(other).status()), "REQUEST_ID_REUSED");
  v1::ReceiveTransitRequest receive;
  receive.set_barcode("pull-id-1");
  receive.set_library("main");
  receive.set_request_id("req-pull-scan");
  EXPECT_EQ(ErrorReason(main.ReceiveTransit(receive).status()), "REQUEST_ID_REUSED");
}

TEST_F(CirculationTest, LoansAndRenewals) {  // B1, B2, B3, P2
  Client main = Main();
  AddTitle("ren1", {"main"});
  AddTitle("ren2", {"main"});
  const std::string rec3 = AddTitle("ren3", {"main"});
  ASSERT_TRUE(Checkout(main, "0000001", "ren1-1", "main").ok());
  ASSERT_TRUE(Checkout(main, "0000001", "ren2-1", "main").ok());
  ASSERT_TRUE(Checkout(main, "0000001", "ren3-1", "main").ok());
  Client p1 = Patron("0000001", "shiori01");
  auto id_of = [&](const std::string& barcode) {
    return One("SELECT l.id FROM loan l JOIN copy c ON c.id = l.copy_id WHERE c.barcode = '" + barcode + "'");
  };
  // On the day of the loan, 3 weeks from today is the due date itself: renewing would use up the one renewal
  // for nothing, so it is refused and the list says so (B2).
  auto loans = p1.ListLoans();
  ASSERT_TRUE(loans.ok());
  ASSERT_EQ(loans->loans_size(), 3);
  for (const auto& l : loans->loans()) EXPECT_EQ(l.renewal_refusal(), "RENEWAL_NOT_EXTENDING") << l.barcode();
  v1::RenewLoanRequest renew;
  renew.set_name("loans/" + id_of("ren1-1"));
  EXPECT_EQ(ErrorReason(p1.RenewLoan(renew).status()), "RENEWAL_NOT_EXTENDING");
  EXPECT_EQ(One("SELECT renewals FROM loan WHERE id = " + id_of("ren1-1")), "0");
  // As if lent 18 days ago: due in 3 days, and a renewal makes it 3 weeks from today.
  Sql("UPDATE loan SET due_date = '" + Today(3) + "' WHERE returned_at IS NULL");
  loans = p1.ListLoans();
  ASSERT_TRUE(loans.ok());
  for (const auto& l : loans->loans()) {
    EXPECT_EQ(l.renewals_left(), 1);  // B1
    EXPECT_FALSE(l.overdue());
    EXPECT_FALSE(l.reserved_by_others());
    EXPECT_EQ(l.renewal_refusal(), "");
  }
  // Renewed once; a second time is refused (B2).
  renew.set_validate_only(true);
  ASSERT_TRUE(p1.RenewLoan(renew).ok());
  EXPECT_EQ(One("SELECT renewals FROM loan WHERE id = " + id_of("ren1-1")), "0");  // validate_only changed nothing
  renew.set_validate_only(false);
  auto renewed = p1.RenewLoan(renew);
  ASSERT_TRUE(renewed.ok()) << renewed.status();
  EXPECT_EQ(renewed->renewals_left(), 0);
  renew.clear_request_id();
  EXPECT_EQ(ErrorReason(p1.RenewLoan(renew).status()), "RENEWAL_LIMIT_REACHED");
  // Reserved by someone else: 予約あり and no renewal.
  Client p4 = Patron("0000004", "shiori04");
  ASSERT_TRUE(Reserve(p4, rec3, "main").ok());
  renew.set_name("loans/" + id_of("ren3-1"));
  EXPECT_EQ(ErrorReason(p1.RenewLoan(renew).status()), "RENEWAL_BLOCKED_BY_RESERVATION");
  // Overdue: 延滞 and no renewal.
  Sql("UPDATE loan SET due_date = '" + Today(-1) + "' WHERE id = " + id_of("ren2-1"));
  renew.set_name("loans/" + id_of("ren2-1"));
  EXPECT_EQ(ErrorReason(p1.RenewLoan(renew).status()), "RENEWAL_BLOCKED_BY_OVERDUE");
  loans = p1.ListLoans();
  ASSERT_TRUE(loans.ok());
  for (const auto& l : loans->loans()) {
    EXPECT_EQ(l.overdue(), l.barcode() == "ren2-1") << l.barcode();
    EXPECT_EQ(l.reserved_by_others(), l.barcode() == "ren3-1") << l.barcode();
    // The list says what RenewLoan would answer (B2), whatever renewals are left.
    const std::string refusal = l.barcode() == "ren1-1"   ? "RENEWAL_LIMIT_REACHED"
                                : l.barcode() == "ren2-1" ? "RENEWAL_BLOCKED_BY_OVERDUE"
                                                          : "RENEWAL_BLOCKED_BY_RESERVATION";
    EXPECT_EQ(l.renewal_refusal(), refusal) << l.barcode();
  }
  // Returned late is reported to staff (B3: the due date itself would be on time).
  auto late = Checkin(main, "ren2-1", "main");
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(late->returned_late());
  // Someone else's loan is not found; wide-area patrons may renew (P2).
  renew.set_name("loans/" + id_of("ren1-1"));
  Client p2 = Patron("0000002", "shiori02");
  EXPECT_EQ(p2.RenewLoan(renew).status().code(), absl::StatusCode::kNotFound);
  // A sound recording is lent for 2 weeks: renewed on the day of its loan it is due in 3 (B2).
  AddTitle("ren4", {"main"}, /*type=AUDIO*/ 5);
  ASSERT_TRUE(Checkout(main, "0000002", "ren4-1", "main").ok());
  renew.set_name("loans/" + id_of("ren4-1"));
  auto av = p2.RenewLoan(renew);
  ASSERT_TRUE(av.ok()) << av.status();
  EXPECT_GT(absl::CivilDay(av->due_date().year(), av->due_date().month(), av->due_date().day()),
            TokyoDay(absl::Now()) + 14);
}

TEST_F(CirculationTest, DueDateMovesOffAClosedDay) {  // B3
  Client main = Main();
  AddTitle("due", {"main"});
  auto lent = Checkout(main, "0000001", "due-1", "main");
  ASSERT_TRUE(lent.ok());
  const auto& d = lent->loan().due_date();
  const absl::CivilDay due(d.year(), d.month(), d.day());
  const absl::CivilDay plain = TokyoDay(absl::Now()) + 21;
  EXPECT_GE(due, plain);  // 3 weeks, or later when that day is closed
  EXPECT_NE(absl::GetWeekday(due), absl::Weekday::monday);  // L2: every Monday is closed
}

TEST_F(CirculationTest, LatestMagazineIssue) {  // R5
  Client main = Main();
  const std::string series = One("SELECT series_title FROM record WHERE latest_issue LIMIT 1");
  const std::string rec = One("SELECT id FROM record WHERE latest_issue LIMIT 1");
  const std::string number = One("SELECT issue_number FROM record WHERE id = " + rec);
  const std::string barcode = One("SELECT barcode FROM copy WHERE record_id = " + rec + " ORDER BY id LIMIT 1");
  const std::string home = One("SELECT home_library FROM copy WHERE barcode = '" + barcode + "'");
  Client p1 = Patron("0000001", "shiori01");
  ASSERT_TRUE(Reserve(p1, rec, home).ok());  // the latest issue can be reserved
  // Not served while it is the latest: not on the pull list, a scan shelves it.
  Client desk = home == "main" ? Main() : Branch();
  v1::ListPullListRequest pl;
  pl.set_library(home);
  auto pull = desk.ListPullList(pl);
  ASSERT_TRUE(pull.ok());
  EXPECT_EQ(pull->entries_size(), 0);
  auto scanned = Checkin(desk, barcode, home);
  ASSERT_TRUE(scanned.ok());
  EXPECT_EQ(scanned->action(), v1::SHELVE);
  // The next issue arrives: the former latest becomes lendable and its queue is served. The desk types the
  // series with a full-width space: the same series.
  ASSERT_THAT(series, HasSubstr(" "));
  v1::ReceiveMagazineIssueRequest issue;
  issue.set_series_title(absl::StrReplaceAll(series, {{" ", "\u3000"}}));
  issue.set_issue_number(std::stoi(number) + 1);
  issue.set_barcode("mag-next-1");
  issue.set_library(home);
  auto received = desk.ReceiveMagazineIssue(issue);
  ASSERT_TRUE(received.ok()) << received.status();
  EXPECT_EQ(received->former_latest_record(), "records/" + rec);
  EXPECT_EQ(received->former_latest_waiting(), 1);
  pull = desk.ListPullList(pl);
  ASSERT_TRUE(pull.ok());
  ASSERT_GE(pull->entries_size(), 1);  // every copy of the issue at this library
  EXPECT_EQ(pull->entries(0).waiting(), 1);
  auto secured = Checkin(desk, barcode, home);
  ASSERT_TRUE(secured.ok());
  EXPECT_EQ(secured->action(), v1::HOLD_SHELF);
  EXPECT_EQ(ErrorReason(Checkout(desk, "0000004", "mag-next-1", home).status()), "LATEST_ISSUE_NOT_FOR_LOAN");
  // A second copy of the latest issue joins its record and is not lendable either; so does a copy of an
  // imported issue, which is found by its series and number whatever its source.
  issue.set_barcode("mag-next-2");
  issue.set_series_title(absl::StrReplaceAll(series, {{" ", ""}}));  // typed without the space: the same series
  auto second = desk.ReceiveMagazineIssue(issue);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->record(), received->record());
  EXPECT_EQ(ErrorReason(Checkout(desk, "0000004", "mag-next-2", home).status()), "LATEST_ISSUE_NOT_FOR_LOAN");
  // The same barcode received again at the other library is not a second receipt of it there.
  Client other = home == "main" ? Branch() : Main();
  issue.set_library(home == "main" ? "branch" : "main");
  EXPECT_EQ(ErrorReason(other.ReceiveMagazineIssue(issue).status()), "BARCODE_TAKEN");
  issue.set_library(home);
  issue.set_issue_number(std::stoi(number));
  issue.set_barcode("mag-this-2");
  auto older = desk.ReceiveMagazineIssue(issue);
  ASSERT_TRUE(older.ok()) << older.status();
  EXPECT_EQ(older->record(), "records/" + rec);
}

// Magazine titles as long as the catalogue keeps, in Japanese: every issue its own record, received again and
// again without an error; a title longer than that is refused by name.
TEST_F(CirculationTest, LongMagazineTitles) {  // R5
  Client branch = Branch();
  const std::string series = std::string() + "月刊" + [] {
    std::string s;
    for (int i = 0; i < 40; ++i) s += "あ";
    return s;
  }();
  std::set<std::string> records;
  for (int i = 1; i <= 6; ++i) {
    v1::ReceiveMagazineIssueRequest issue;
    issue.set_series_title(series);
    issue.set_issue_number(i);
    issue.set_barcode(absl::StrCat("long-mag-", i));
    issue.set_library("branch");
    auto received = branch.ReceiveMagazineIssue(issue);
    ASSERT_TRUE(received.ok()) << i << ": " << received.status();
    records.insert(received->record());
  }
  EXPECT_EQ(records.size(), 6u);
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM record WHERE series_title = '", series, "'")), 6);
  v1::ReceiveMagazineIssueRequest too_long;
  too_long.set_series_title(std::string(501, 'x'));
  too_long.set_issue_number(1);
  too_long.set_barcode("long-mag-x");
  too_long.set_library("branch");
  auto refused = branch.ReceiveMagazineIssue(too_long);
  EXPECT_EQ(ErrorReason(refused.status()), "TEXT_TOO_LONG");
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("series_title"));
}

TEST_F(CirculationTest, ReadingHistoryPrivacy) {  // B6
  Client main = Main();
  Client p1 = Patron("0000001", "shiori01");
  AddTitle("priv1", {"main"});
  AddTitle("priv2", {"main"});
  // Off (the default): a returned loan keeps no patron link.
  ASSERT_TRUE(Checkout(main, "0000001", "priv1-1", "main").ok());
  ASSERT_TRUE(Checkin(main, "priv1-1", "main").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan WHERE patron_id IS NOT NULL AND returned_at IS NOT NULL"), 0);
  // Nor does the desk's audit trail of the copy (P10 logs the loan, whose patron link ends with it).
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE target = 'copies/priv1-1'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE target = 'copies/priv1-1' AND detail LIKE '%0000001%'"), 0);
  // On: only loans made from now on are kept.
  v1::SetReadingHistoryRequest on;
  on.set_enabled(true);
  ASSERT_TRUE(p1.SetReadingHistory(on).ok());
  ASSERT_TRUE(Checkout(main, "0000001", "priv2-1", "main").ok());
  ASSERT_TRUE(Checkin(main, "priv2-1", "main").ok());
  auto history = p1.ListReadingHistory();
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->loans_size(), 1);
  EXPECT_EQ(history->loans(0).barcode(), "priv2-1");
  // A reservation collected while the history is on stays with the kept loan.
  AddTitle("priv3", {"main"});
  ASSERT_TRUE(Reserve(p1, One("SELECT id FROM record WHERE source_id = 'priv3'"), "main").ok());
  ASSERT_TRUE(Checkin(main, "priv3-1", "main").ok());  // fetched from the pull list: secured, a ready mail
  ASSERT_TRUE(Checkout(main, "0000001", "priv3-1", "main").ok());
  ASSERT_TRUE(Checkin(main, "priv3-1", "main").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation WHERE state = 4"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'hold_ready'"), 1);
  // The history comes a page at a time, newest return first; a token it did not give is refused.
  v1::ListReadingHistoryRequest page;
  page.set_page_size(1);
  auto first = p1.ListReadingHistory(page);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->loans_size(), 1);
  EXPECT_EQ(first->loans(0).barcode(), "priv3-1");
  ASSERT_FALSE(first->next_page_token().empty());
  page.set_page_token(first->next_page_token());
  auto second = p1.ListReadingHistory(page);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->loans_size(), 1);
  EXPECT_EQ(second->loans(0).barcode(), "priv2-1");
  EXPECT_EQ(second->next_page_token(), "");
  page.set_page_token("zz");
  EXPECT_EQ(ErrorReason(p1.ListReadingHistory(page).status()), "INVALID_PAGE_TOKEN");
  // Off again: the kept history is deleted, and the reservations its loans fulfilled.
  on.set_enabled(false);
  ASSERT_TRUE(p1.SetReadingHistory(on).ok());
  history = p1.ListReadingHistory();
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->loans_size(), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan WHERE patron_id IS NOT NULL"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation WHERE state = 4"), 0);
  // With them the ready mails that said who would collect what (recipient, name, title).
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'hold_ready'"), 0);
  // And at a return without history: the reservation collected and its ready mail go with the loan's link.
  AddTitle("priv4", {"main"});
  v1::PlaceReservationRequest place;
  place.set_record(One("SELECT id FROM record WHERE source_id = 'priv4'"));
  place.set_pickup_library("main");
  place.set_notify_method(v1::EMAIL);
  place.set_request_id("req-priv4");
  ASSERT_TRUE(p1.PlaceReservation(place).ok());
  ASSERT_TRUE(Checkin(main, "priv4-1", "main").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'hold_ready'"), 1);
  ASSERT_TRUE(Checkout(main, "0000001", "priv4-1", "main").ok());
  ASSERT_TRUE(Checkin(main, "priv4-1", "main").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation WHERE state = 4"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'hold_ready'"), 0);
  // Its request id is still known, alone: a late retry is told the reservation was fulfilled, and places
  // nothing (the title would have gone back on the pull list).
  auto late_retry = p1.PlaceReservation(place);
  EXPECT_EQ(ErrorReason(late_retry.status()), "RESERVATION_FULFILLED");
  EXPECT_EQ(ErrorMetadata(late_retry.status(), "rule"), "B6");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM erased_request WHERE request_id = 'req-priv4'"), 1);
  // The reservation erased when the history was switched off (priv3's) left its id too.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM erased_request"), 2);
}

TEST_F(CirculationTest, ForceReturnIsAudited) {  // B5
  Client main = Main();
  AddTitle("force", {"branch"});
  ASSERT_TRUE(Checkout(main, "0000001", "force-1", "main").ok());
  v1::ForceReturnRequest req;
  req.set_barcode("force-1");
  req.set_library("main");
  EXPECT_EQ(main.ForceReturn(req).status().code(), absl::StatusCode::kInvalidArgument);  // a reason is required
  for (const char* blank : {"   ", "\u3000", "\u200b"}) {  // an ideographic or zero-width space says nothing either
    req.set_reason(blank);
    EXPECT_EQ(ErrorReason(main.ForceReturn(req).status()), "REASON_REQUIRED") << blank;
  }
  req.set_reason(std::string("書架\0で", 7));  // a control character is no text (refused naming the field)
  auto control = main.ForceReturn(req).status();
  EXPECT_EQ(ErrorReason(control), "CONTROL_CHARACTER");
  ASSERT_EQ(FieldViolations(control).size(), 1u);
  EXPECT_EQ(FieldViolations(control)[0].field, "reason");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan WHERE returned_at IS NULL"), 1);
  std::string long_reason;
  for (int i = 0; i < 501; ++i) long_reason += "返";
  req.set_reason(long_reason);
  EXPECT_EQ(ErrorReason(main.ForceReturn(req).status()), "TEXT_TOO_LONG");
  req.set_reason("書架で発見");
  auto done = main.ForceReturn(req);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->action(), v1::SEND_TO);  // home is the branch
  EXPECT_EQ(One("SELECT forced_reason FROM loan"), "書架で発見");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'force_return' AND detail LIKE '%書架で発見%'"), 1);
  EXPECT_EQ(ErrorReason(main.ForceReturn(req).status()), "NOT_ON_LOAN");
}

TEST_F(CirculationTest, ALoanWhosePatronRowIsGoneCanStillBeEnded) {  // B5
  // Imported or repaired data may leave an open loan pointing at no patron; the desk must still take the copy
  // back (a check-in locks the borrower first, and there is none to lock).
  Client main = Main();
  AddTitle("orphan", {"main"});
  ASSERT_TRUE(Checkout(main, "0000001", "orphan-1", "main").ok());
  Sql("UPDATE loan SET patron_id = 999999 WHERE returned_at IS NULL");
  auto back = Checkin(main, "orphan-1", "main");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->action(), v1::SHELVE);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan WHERE returned_at IS NULL"), 0);
}

}  // namespace
}  // namespace shiori::testing
