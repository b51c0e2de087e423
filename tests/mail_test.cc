// Mail that arrives (rules M1, R10, R15): outbox rows written with EnqueueMail go through real shiori-server
// processes (--smtp-url) to a real SMTP server on loopback (aiosmtpd), and are read back from its Maildir.
// - a ready notice arrives once, to the right address, with the right subject and body (R10, M1);
// - the SMTP server stopped during a burst of 200 mails: none lost, none duplicated once it is back (M1);
// - a 550 fails the notice and the patron's reservation list shows notice_failed (R15);
// - two servers sending from one outbox deliver each mail once (M1).
// Waits poll for a state with a generous bound; nothing depends on timing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "nlohmann/json.hpp"
#include "server/store/database.h"
#include "server/store/mysql_url.h"
#include "server/store/outbox_store.h"
#include "tests/mail_loopback_smtp.h"
#include "tests/support/test_env.h"

namespace shiori::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kMailFrom[] = "しおり市立図書館 <noreply@library.example.jp>";
constexpr char kConfirmBase[] = "https://library.example.jp/confirm";

class MailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = NewDatabase(Seed::kDemo);
    ASSERT_TRUE(db.ok()) << db.status();
    database_ = *db;
    auto target = store::ParseMysqlUrl(TestMariaDb::Get().UrlFor(database_));
    ASSERT_TRUE(target.ok()) << target.status();
    auto opened = store::Database::Open(*target, 4);
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = std::move(*opened);
  }

  absl::StatusOr<std::unique_ptr<TestServer>> StartServer(const LoopbackSmtp& smtp) {
    return TestServer::Start({.database = database_,
                              .extra_args = {"--smtp-url", smtp.url(), "--mail-from", kMailFrom,
                                             "--confirm-base-url", kConfirmBase}});
  }

  // A ready notice as the circulation code writes it. Due an hour ago, so a server whose test clock
  // started before this call sees it as due too.
  store::OutboxMail ReadyNotice(const std::string& key, const std::string& to,
                                std::optional<int64_t> reservation = {}) {
    store::OutboxMail m;
    m.dedupe_key = key;
    m.kind = store::kMailKindHoldReady;
    m.template_name = "hold_ready";
    m.recipient = to;
    m.params = {{"title", "吾輩は猫である"}, {"pickup_library", "本館"}, {"deadline", "2026年12月10日（木）"}};
    m.reservation_id = reservation;
    m.now = absl::Now() - absl::Hours(1);
    return m;
  }

  bool Enqueue(const store::OutboxMail& m) {
    bool written = false;
    absl::Status s = store_->InTransaction([&](store::Tx& tx) -> absl::Status {
      auto r = store::EnqueueMail(tx, m);
      if (!r.ok()) return r.status();
      written = *r;
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return written;
  }

  int64_t Count(const std::string& where) {
    auto rows = TestMariaDb::Get().Sql(database_, "SELECT COUNT(*) FROM outbox WHERE " + where);
    EXPECT_TRUE(rows.ok()) << rows.status();
    int64_t n = -1;
    if (rows.ok() && !rows->empty()) (void)absl::SimpleAtoi(rows->front(), &n);
    return n;
  }

  // Every received mail's Message-ID, with how often it came.
  static std::map<std::string, int> MessageIds(const LoopbackSmtp& smtp) {
    std::map<std::string, int> ids;
    for (const ReceivedMail& m : smtp.Received())
      ++ids[m.headers.count("message-id") ? m.headers.at("message-id") : ""];
    return ids;
  }

  std::string database_;
  std::unique_ptr<store::Database> store_;
};

nlohmann::json ParseWithPython(const std::string& path) {
  const std::string command =
      absl::StrCat(kSystemPython, " ", SourceDir(), "/server/notify/testdata/parse_mail.py '", path, "'");
  CommandResult r = RunShell(command);
  EXPECT_EQ(r.exit_code, 0) << command;
  return nlohmann::json::parse(r.output, nullptr, false);
}

TEST_F(MailTest, ReadyNoticeArrivesOnceWithAddressSubjectAndBody) {  // R10, M1
  LoopbackSmtp smtp;
  // One event, one row: the second write of the same event changes nothing.
  EXPECT_TRUE(Enqueue(ReadyNotice("ready:1:1764720000000000", "hanako@example.jp")));
  EXPECT_FALSE(Enqueue(ReadyNotice("ready:1:1764720000000000", "hanako@example.jp")));
  EXPECT_EQ(Count("1"), 1);

  auto server = StartServer(smtp);
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_TRUE(WaitUntil([&] { return Count("state = 3") == 1; })) << (*server)->log();
  const auto received = smtp.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].headers.at("x-rcptto"), "hanako@example.jp");

  const nlohmann::json mail = ParseWithPython(received[0].path);
  ASSERT_TRUE(mail.is_object());
  EXPECT_EQ(mail["subject"], "【しおり市立図書館】予約資料のご用意ができました");
  EXPECT_EQ(mail["to"][0]["addr"], "hanako@example.jp");
  EXPECT_EQ(mail["from"][0]["name"], "しおり市立図書館");
  EXPECT_EQ(mail["from"][0]["addr"], "noreply@library.example.jp");
  EXPECT_THAT(mail["body"].get<std::string>(), HasSubstr("資料名　：吾輩は猫である"));
  EXPECT_THAT(mail["body"].get<std::string>(), HasSubstr("受取館　：本館"));
  EXPECT_THAT(mail["body"].get<std::string>(), HasSubstr("取置期限：2026年12月10日（木）"));
  EXPECT_TRUE(mail["defects"].empty()) << mail["defects"];

  // Nothing more is sent later: the row is sent, and `mail list` says so.
  std::string listing;
  ASSERT_TRUE(RunAdmin(database_, {"mail", "list", "--state", "sent"}, &listing).ok()) << listing;
  EXPECT_THAT(listing, HasSubstr("ready:1:1764720000000000"));
  EXPECT_THAT(listing, HasSubstr("sent 1"));
  EXPECT_EQ(smtp.ReceivedCount(), 1u);
}

// P4, M1: a password registration as a patron makes it — the mail arrives, the link in it is given to
// `shiori confirm` whole, and the new password works.
TEST_F(MailTest, TheRegistrationMailsLinkCompletesTheRegistration) {  // P4, M1
  LoopbackSmtp smtp;
  auto server = StartServer(smtp);
  ASSERT_TRUE(server.ok()) << server.status();
  Client anonymous = (*server)->NewClient();
  v1::RegisterPasswordRequest reg;
  reg.set_patron_number("0000003");
  reg.set_name_kana("シオリ ハナコ");
  reg.set_phone("06-0000-0003");
  reg.set_password("Hanako123");
  reg.set_email("hanako@example.jp");
  ASSERT_TRUE(anonymous.RegisterPassword(reg).ok());
  ASSERT_TRUE(WaitUntil([&] { return smtp.ReceivedCount() == 1; })) << (*server)->log();
  const nlohmann::json mail = ParseWithPython(smtp.Received()[0].path);
  ASSERT_TRUE(mail.is_object());
  const std::string body = mail["body"].get<std::string>();
  const size_t at = body.find(kConfirmBase);
  ASSERT_NE(at, std::string::npos) << body;
  const std::string link = body.substr(at, body.find_first_of(" \r\n", at) - at);
  EXPECT_THAT(link, HasSubstr("?token="));

  const std::string command =
      absl::StrCat(CliBinary(), " --server ", (*server)->address(), " confirm '", link, "' 2>&1");
  CommandResult confirmed = RunShell(command);
  ASSERT_EQ(confirmed.exit_code, 0) << confirmed.output;
  EXPECT_TRUE((*server)->PatronClient("0000003", "Hanako123").ok());
}

// Mail cannot be delivered without the start of the confirmation links: the server says so and does not start,
// rather than fail every confirmation mail while telling patrons one was sent.
TEST_F(MailTest, NoDeliveryWithoutTheConfirmationLinksBase) {  // P4, M1
  LoopbackSmtp smtp;
  auto server = TestServer::Start(
      {.database = database_, .extra_args = {"--smtp-url", smtp.url(), "--mail-from", kMailFrom}});
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(std::string(server.status().message()), HasSubstr("--confirm-base-url"));
}

TEST_F(MailTest, SmtpDownDuringABurstLosesNoneAndDuplicatesNone) {  // M1
  LoopbackSmtp smtp;
  auto server = StartServer(smtp);
  ASSERT_TRUE(server.ok()) << server.status();
  for (int i = 0; i < 100; ++i)
    Enqueue(ReadyNotice(absl::StrCat("ready:burst:", i), absl::StrCat("p", i, "@example.jp")));
  ASSERT_TRUE(WaitUntil([&] { return Count("state = 3") == 100; })) << (*server)->log();

  // The mail server goes away; the second half of the burst comes while it is down.
  smtp.Stop();
  for (int i = 100; i < 200; ++i)
    Enqueue(ReadyNotice(absl::StrCat("ready:burst:", i), absl::StrCat("p", i, "@example.jp")));
  ASSERT_TRUE(WaitUntil([&] { return Count("state = 1 AND attempts > 0 AND last_error LIKE 'TEMPORARY%'") > 0; }))
      << (*server)->log();
  EXPECT_EQ(Count("state = 4"), 0);  // a mail server that is down delays mail, never fails it

  // Back again: the server's own worker takes what it has not tried yet; an operator flushes the mail that
  // waits out its backoff. The two share the outbox through leases.
  smtp.Start();
  std::string out;
  ASSERT_TRUE(WaitUntil([&] {
    EXPECT_TRUE(RunAdmin(database_,
                         {"mail", "send-pending", "--retry-now", "--smtp-url", smtp.url(), "--mail-from", kMailFrom,
                          "--confirm-base-url", kConfirmBase},
                         &out)
                    .ok())
        << out;
    return Count("state = 3") == 200;
  })) << out
      << (*server)->log();

  const auto ids = MessageIds(smtp);
  EXPECT_EQ(ids.size(), 200u);                            // none lost
  for (const auto& [id, n] : ids) EXPECT_EQ(n, 1) << id;  // none twice
  EXPECT_EQ(smtp.ReceivedCount(), 200u);
}

TEST_F(MailTest, PermanentRefusalFailsTheNoticeAndTheReservationShowsIt) {  // R15
  LoopbackSmtp smtp({"550=nobody@example.jp"});
  auto server = StartServer(smtp);
  ASSERT_TRUE(server.ok()) << server.status();
  auto patron = (*server)->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok()) << patron.status();
  auto record = TestMariaDb::Get().Sql(database_,
                                       "SELECT r.id FROM record r WHERE r.material_type = 1 AND EXISTS (SELECT 1 FROM "
                                       "copy c WHERE c.record_id = r.id) ORDER BY r.id LIMIT 1");
  ASSERT_TRUE(record.ok() && !record->empty());
  v1::PlaceReservationRequest place;
  place.set_record("records/" + record->front());
  place.set_pickup_library("libraries/main");
  auto reservation = patron->PlaceReservation(place);
  ASSERT_TRUE(reservation.ok()) << reservation.status();
  int64_t reservation_id = 0;
  ASSERT_TRUE(absl::SimpleAtoi(reservation->reservation_id(), &reservation_id)) << reservation->DebugString();
  EXPECT_FALSE(reservation->notice_failed());

  // A notice is written when the reservation is secured (a notice of a reservation no longer secured is
  // withdrawn unsent: below).
  ASSERT_TRUE(TestMariaDb::Get().Sql(database_, absl::StrCat("UPDATE reservation SET state = 3 WHERE id = ",
                                                             reservation_id)).ok());
  Enqueue(ReadyNotice("ready:550:1", "nobody@example.jp", reservation_id));
  ASSERT_TRUE(WaitUntil([&] { return Count("state = 4") == 1; })) << (*server)->log();
  EXPECT_EQ(Count("state = 4 AND last_error LIKE 'PERMANENT 550%'"), 1);
  EXPECT_EQ(Count("attempts = 1"), 1);  // not retried
  EXPECT_EQ(smtp.ReceivedCount(), 0u);

  auto list = patron->ListReservations({});
  ASSERT_TRUE(list.ok()) << list.status();
  bool shown = false;
  for (const auto& r : list->reservations()) {
    if (r.reservation_id() == reservation->reservation_id()) shown = r.notice_failed();
  }
  EXPECT_TRUE(shown) << list->DebugString();

  std::string listing;
  ASSERT_TRUE(RunAdmin(database_, {"mail", "list", "--state", "failed"}, &listing).ok()) << listing;
  EXPECT_THAT(listing, HasSubstr("ready:550:1"));
  EXPECT_THAT(listing, HasSubstr("550"));
}

// R10, R14: a ready notice that waits for the mail server (a retry) is withdrawn, not sent, when its
// reservation leaves the hold shelf first — the patron cancelled — so nobody is told to come for a copy that
// has gone on to the next patron.
TEST_F(MailTest, AReadyNoticeOfACancelledReservationIsWithdrawn) {  // R10, R14
  LoopbackSmtp smtp;
  auto server = StartServer(smtp);
  ASSERT_TRUE(server.ok()) << server.status();
  auto sql = [&](const std::string& q) {
    auto rows = TestMariaDb::Get().Sql(database_, q);
    EXPECT_TRUE(rows.ok()) << q << ": " << rows.status();
    return rows.ok() && !rows->empty() ? rows->front() : std::string();
  };
  sql("INSERT INTO patron_email (patron_id, slot, address, confirmed_at, created_at) SELECT id, 1,"
      " 'hanako@example.jp', NOW(), NOW() FROM patron WHERE patron_number = '0000001'");
  sql("UPDATE patron SET hold_notice_method = 1, hold_notice_slot = 1 WHERE patron_number = '0000001'");
  const std::string barcode = sql(
      "SELECT c.barcode FROM copy c JOIN record r ON r.id = c.record_id WHERE r.material_type = 1 AND"
      " c.home_library = 'main' AND c.current_library = 'main' AND c.status = 1 ORDER BY c.id LIMIT 1");
  ASSERT_FALSE(barcode.empty());
  auto patron = (*server)->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok()) << patron.status();
  v1::PlaceReservationRequest place;
  place.set_record("records/" + sql("SELECT record_id FROM copy WHERE barcode = '" + barcode + "'"));
  place.set_pickup_library("libraries/main");
  auto reservation = patron->PlaceReservation(place);
  ASSERT_TRUE(reservation.ok()) << reservation.status();

  smtp.Stop();  // the mail server is away when the copy is secured
  Client desk = (*server)->NewClient(v1::COUNTER);
  v1::StaffLoginRequest login;
  login.set_staff_id("s0001");
  login.set_password("staff001");
  ASSERT_TRUE(desk.StaffLogin(login).ok());
  v1::CheckinRequest scan;
  scan.set_barcode(barcode);
  scan.set_library("main");
  auto secured = desk.Checkin(scan);
  ASSERT_TRUE(secured.ok()) << secured.status();
  ASSERT_EQ(secured->action(), v1::HOLD_SHELF);
  ASSERT_TRUE(WaitUntil([&] { return Count("kind = 'hold_ready' AND state = 1 AND attempts > 0") == 1; }))
      << (*server)->log();

  v1::CancelReservationRequest cancel;
  cancel.set_name(reservation->name());
  ASSERT_TRUE(patron->CancelReservation(cancel).ok());
  smtp.Start();
  std::string out;
  ASSERT_TRUE(RunAdmin(database_,
                       {"mail", "send-pending", "--retry-now", "--smtp-url", smtp.url(), "--mail-from", kMailFrom,
                        "--confirm-base-url", kConfirmBase},
                       &out)
                  .ok())
      << out;
  EXPECT_THAT(out, HasSubstr("1 withdrawn"));
  EXPECT_EQ(Count("kind = 'hold_ready' AND state = 5"), 1);
  EXPECT_EQ(smtp.ReceivedCount(), 0u);
  std::string listing;
  ASSERT_TRUE(RunAdmin(database_, {"mail", "list", "--state", "withdrawn"}, &listing).ok()) << listing;
  EXPECT_THAT(listing, HasSubstr("no longer on the hold shelf"));
  EXPECT_THAT(listing, HasSubstr("withdrawn 1"));  // in the totals too
}

TEST_F(MailTest, TwoServersSendEachMailOnce) {  // M1
  LoopbackSmtp smtp;
  for (int i = 0; i < 200; ++i)
    Enqueue(ReadyNotice(absl::StrCat("ready:two:", i), absl::StrCat("p", i, "@example.jp")));
  auto a = StartServer(smtp);
  ASSERT_TRUE(a.ok()) << a.status();
  auto b = StartServer(smtp);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_TRUE(WaitUntil([&] { return Count("state = 3") == 200; })) << (*a)->log() << (*b)->log();
  const auto ids = MessageIds(smtp);
  EXPECT_EQ(ids.size(), 200u);
  for (const auto& [id, n] : ids) EXPECT_EQ(n, 1) << id;
  EXPECT_EQ(smtp.ReceivedCount(), 200u);
  auto senders = TestMariaDb::Get().Sql(database_, "SELECT claimed_by, COUNT(*) FROM outbox GROUP BY claimed_by");
  ASSERT_TRUE(senders.ok());
  for (const std::string& line : *senders) std::printf("sender\tmails: %s\n", line.c_str());
}

}  // namespace
}  // namespace shiori::testing
