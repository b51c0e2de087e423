// Circulation under concurrency (R3, R8, R9, B4): many SDK clients on threads at once, against one server and
// against two servers sharing one database. Whatever the interleaving: one copy fills at most one
// reservation, one reservation gets at most one copy, a copy has at most one open loan, a loan ends once, the
// limit of R3 holds and queue positions stay gap-free. Each scenario runs several rounds on fresh titles.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "absl/time/clock.h"
#include "server/common/clock.h"
#include "tests/circulation_fixture.h"

namespace shiori::testing {
namespace {

constexpr int kPatrons = 8;
constexpr int kRounds = 3;

class CirculationConcurrencyTest : public CirculationTest {
 protected:
  void SetUp() override {
    CirculationTest::SetUp();
    if (HasFatalFailure()) return;
    auto second = TestServer::Start({.database = database_});
    ASSERT_TRUE(second.ok()) << second.status();
    second_ = std::move(*second);
    AddPatrons(kPatrons);
    for (int i = 0; i < kPatrons; ++i) {
      patrons_.push_back(Patron(std::to_string(1000001 + i), "shiori01", i % 2 == 0 ? server_.get() : second_.get()));
    }
  }
  // Runs fn(i) on n threads at once.
  static void Together(int n, const std::function<void(int)>& fn) {
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        ready.fetch_add(1);
        while (ready.load() < n) std::this_thread::yield();
        fn(i);
      });
    }
    for (auto& t : threads) t.join();
  }

  std::unique_ptr<TestServer> second_;
  std::vector<Client> patrons_;
};

// The same request sent again while the first is still running — a client that timed out and retried, on
// either server — is one call: every sender gets the first call's answer, not a duplicate-key error
// (AIP-155). Closures and patron records keep their request id in a unique key.
TEST_F(CirculationConcurrencyTest, ParallelRetriesAreOneCall) {  // L2, P10
  Client admins[] = {Staff("a0001", "admin001"), Staff("a0001", "admin001", second_.get())};
  for (int round = 0; round < kRounds; ++round) {
    v1::CreateClosureRequest closure;
    closure.set_parent("libraries/branch");
    *closure.mutable_closure()->mutable_start_date() = ProtoDate(TokyoDay(absl::Now()) + 30 + round);
    closure.mutable_closure()->set_reason("蔵書点検");
    closure.set_request_id("closure-parallel-" + std::to_string(round));
    v1::CreatePatronRequest patron;
    patron.mutable_patron()->set_category(v1::RESIDENT);
    patron.mutable_patron()->set_display_name("並行 太郎");
    patron.mutable_patron()->set_name_kana("ヘイコウ タロウ");
    patron.mutable_patron()->set_phone("06-0000-1234");
    patron.mutable_patron()->set_home_library("libraries/main");
    patron.set_request_id("patron-parallel-" + std::to_string(round));
    std::vector<std::string> closures(kPatrons), numbers(kPatrons);
    Together(kPatrons, [&](int i) {
      Client& admin = admins[i % 2];
      auto made = admin.CreateClosure(closure);
      EXPECT_TRUE(made.ok()) << made.status();
      if (made.ok()) closures[i] = made->closure().name();
      auto registered = admin.CreatePatron(patron);
      EXPECT_TRUE(registered.ok()) << registered.status();
      if (registered.ok()) numbers[i] = registered->patron_number();
    });
    EXPECT_EQ(std::set<std::string>(closures.begin(), closures.end()).size(), 1u) << "round " << round;
    EXPECT_EQ(std::set<std::string>(numbers.begin(), numbers.end()).size(), 1u) << "round " << round;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM calendar_exception WHERE request_id = '" + closure.request_id() + "'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM patron WHERE create_request_id = '" + patron.request_id() + "'"), 1);
  }
}

TEST_F(CirculationConcurrencyTest, QueuePositionsStayGapFree) {  // R8
  for (int round = 0; round < kRounds; ++round) {
    const std::string rec = AddTitle("queue" + std::to_string(round), {"main"});
    Together(kPatrons, [&](int i) { EXPECT_TRUE(Reserve(patrons_[i], rec, i % 2 ? "main" : "branch").ok()); });
    std::set<int> positions;
    for (auto& p : patrons_) positions.insert(Mine(p, rec).queue_position());
    EXPECT_EQ(positions.size(), static_cast<size_t>(kPatrons)) << "round " << round;
    EXPECT_EQ(*positions.begin(), 1);
    EXPECT_EQ(*positions.rbegin(), kPatrons);
  }
}

// One request id sent by several patrons at the same moment is one call (AIP-155): one reservation is placed,
// every other sender is told REQUEST_ID_REUSED — as when they send it one after another. (The id was unique per
// patron only, so each of them placed one.)
TEST_F(CirculationConcurrencyTest, OneRequestIdFromManyPatronsPlacesOne) {  // R3
  for (int round = 0; round < kRounds; ++round) {
    const std::string rec = AddTitle("shared-id" + std::to_string(round), {"main"});
    const std::string id = "shared-request-" + std::to_string(round);
    std::atomic<int> placed{0}, reused{0};
    Together(kPatrons, [&](int i) {
      v1::PlaceReservationRequest req;
      req.set_record(rec);
      req.set_pickup_library("main");
      req.set_notify_method(v1::EMAIL);
      req.set_request_id(id);
      auto r = patrons_[i].PlaceReservation(req);
      if (r.ok()) {
        ++placed;
      } else if (ErrorReason(r.status()) == "REQUEST_ID_REUSED") {
        ++reused;
      } else {
        ADD_FAILURE() << r.status();
      }
    });
    EXPECT_EQ(placed.load(), 1) << "round " << round;
    EXPECT_EQ(reused.load(), kPatrons - 1) << "round " << round;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation WHERE request_id = '" + id + "'"), 1);
  }
}

TEST_F(CirculationConcurrencyTest, OneCopyFillsOneReservation) {  // R9
  Client desks[] = {Main(), Staff("s0001", "staff001", second_.get()), Branch(),
                    Staff("s0002", "staff002", second_.get())};
  const char* at[] = {"main", "main", "branch", "branch"};
  for (int round = 0; round < kRounds; ++round) {
    const std::string key = "one" + std::to_string(round);
    const std::string rec = AddTitle(key, {"main"});
    Together(kPatrons, [&](int i) { EXPECT_TRUE(Reserve(patrons_[i], rec, "main").ok()); });
    // Four desks on two servers scan the one copy at once.
    Together(4, [&](int i) {
      auto r = Checkin(desks[i], key + "-1", at[i]);
      EXPECT_TRUE(r.ok()) << r.status();
    });
    EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation WHERE record_id = " + rec + " AND state IN (2, 3)"), 1)
        << "round " << round;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation WHERE record_id = " + rec + " AND copy_id IS NOT NULL"), 1);
    // The first in the queue got it (first come, first served).
    EXPECT_EQ(One("SELECT state FROM reservation WHERE record_id = " + rec + " ORDER BY queue_number LIMIT 1"), "3");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox o JOIN reservation r ON r.id = o.reservation_id WHERE r.record_id = " +
                    rec),
              1);  // R10: one notice
  }
}

TEST_F(CirculationTest, TwoCopiesNeverGoToOneReservation) {  // R9
  auto second = TestServer::Start({.database = database_});
  ASSERT_TRUE(second.ok());
  Client a = Main();
  Client b = Staff("s0001", "staff001", second->get());
  const std::string rec = AddTitle("two", {"main", "main"});
  Client p1 = Patron("0000001", "shiori01");
  Client p4 = Patron("0000004", "shiori04");
  ASSERT_TRUE(Reserve(p1, rec, "main").ok());
  ASSERT_TRUE(Reserve(p4, rec, "main").ok());
  std::thread t1([&] { EXPECT_TRUE(Checkin(a, "two-1", "main").ok()); });
  std::thread t2([&] { EXPECT_TRUE(Checkin(b, "two-2", "main").ok()); });
  t1.join();
  t2.join();
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT copy_id) FROM reservation WHERE record_id = " + rec + " AND state = 3"), 2);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT reservation_id) FROM copy WHERE record_id = " + rec), 2);
}

TEST_F(CirculationConcurrencyTest, OneOpenLoanPerCopy) {  // B4
  Client desks[] = {Main(), Staff("s0001", "staff001", second_.get())};
  for (int round = 0; round < kRounds; ++round) {
    const std::string key = "loan" + std::to_string(round);
    AddTitle(key, {"main"});
    std::atomic<int> lent{0};
    Together(kPatrons, [&](int i) {
      auto r = Checkout(desks[i % 2], std::to_string(1000001 + i), key + "-1", "main");
      if (r.ok()) {
        lent.fetch_add(1);
      } else {
        EXPECT_EQ(ErrorReason(r.status()), "COPY_ON_LOAN") << r.status();
      }
    });
    EXPECT_EQ(lent.load(), 1) << "round " << round;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM loan l JOIN copy c ON c.id = l.copy_id WHERE c.barcode = '" + key +
                    "-1' AND l.returned_at IS NULL"),
              1);
  }
}

TEST_F(CirculationConcurrencyTest, ALoanEndsOnceWhoeverScansTheCopy) {  // B4
  Client desks[] = {Main(), Staff("s0001", "staff001", second_.get()), Main(),
                    Staff("s0001", "staff001", second_.get())};  // main library desks on both servers
  for (int round = 0; round < kRounds; ++round) {
    const std::string key = "back" + std::to_string(round);
    const std::string copy = "c.barcode = '" + key + "-1'";
    const std::string loans = "SELECT COUNT(*) FROM loan l JOIN copy c ON c.id = l.copy_id WHERE " + copy;
    AddTitle(key, {"main"});
    ASSERT_TRUE(Checkout(desks[0], "1000001", key + "-1", "main").ok());
    // Four desks on two servers scan the lent copy at once: one of them ends the loan, the others shelve it.
    Together(4, [&](int i) {
      auto back = Checkin(desks[i], key + "-1", "main");
      EXPECT_TRUE(back.ok()) << back.status();
    });
    EXPECT_EQ(Count(loans + " AND l.returned_at IS NULL"), 0) << "round " << round;
    EXPECT_EQ(Count(loans), 1);
    // Lent again while another desk checks it in: the check-in comes first (the loan ends) or second (the
    // copy was on the shelf, so the loan is made); never an error, never two open loans.
    ASSERT_TRUE(Checkout(desks[0], "1000002", key + "-1", "main").ok());
    std::atomic<int> lent{0};
    Together(2, [&](int i) {
      if (i == 0) {
        auto back = Checkin(desks[1], key + "-1", "main");
        EXPECT_TRUE(back.ok()) << back.status();
        return;
      }
      auto r = Checkout(desks[3], "1000003", key + "-1", "main");
      if (r.ok()) {
        lent.fetch_add(1);
      } else {
        EXPECT_EQ(ErrorReason(r.status()), "COPY_ON_LOAN") << r.status();
      }
    });
    EXPECT_EQ(Count(loans + " AND l.returned_at IS NULL"), lent.load()) << "round " << round;
  }
}

TEST_F(CirculationConcurrencyTest, ReservationLimitHoldsAcrossServers) {  // R3
  Client& p = patrons_[0];
  std::vector<std::string> records;
  for (int i = 0; i < 9 + kPatrons; ++i) records.push_back(AddTitle("lim" + std::to_string(i), {"main"}));
  for (int i = 0; i < 9; ++i) ASSERT_TRUE(Reserve(p, records[i], "main").ok());
  // The same patron from both servers at once: only one more fits.
  Client other = Patron("1000001", "shiori01", second_.get());
  std::atomic<int> placed{0};
  Together(kPatrons, [&](int i) {
    auto r = Reserve(i % 2 ? p : other, records[9 + i], "main");
    if (r.ok()) {
      placed.fetch_add(1);
    } else {
      EXPECT_EQ(ErrorReason(r.status()), "HOLD_LIMIT_REACHED") << r.status();
    }
  });
  EXPECT_EQ(placed.load(), 1);
  EXPECT_EQ(One("SELECT active_reservations FROM patron WHERE patron_number = '1000001'"), "10");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reservation r JOIN patron p ON p.id = r.patron_id"
                  " WHERE p.patron_number = '1000001' AND r.state IN (1, 2, 3)"),
            10);
}

}  // namespace
}  // namespace shiori::testing
