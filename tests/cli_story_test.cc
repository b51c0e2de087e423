// End to end: the `shiori` binary itself, as a patron would use it, against a real server on the real
// catalogue — search, show, log in, reserve, list, cancel, log out — plus its refusals and exit statuses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"
#include "server/common/clock.h"
#include "tests/support/test_env.h"

namespace shiori::testing {
namespace {

using ::testing::HasSubstr;

struct CliRun {
  int exit_code = -1;
  std::string out;
};

class CliStoryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = NewDatabase(Seed::kFullCatalog);
    ASSERT_TRUE(db.ok()) << db.status();
    database_ = new std::string(*db);
    auto server = TestServer::Start({.database = *db});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
    config_ = new std::string(NewTempDir("cli-config"));
  }
  static void TearDownTestSuite() { delete server_; }

  // Runs `shiori ARGS` with the server and a private config folder (the suite's, or `config`: another
  // person's session); stdin from `input`.
  static CliRun Shiori(const std::vector<std::string>& args, const std::string& input = "",
                       const std::string& config = "") {
    std::string dir = NewTempDir("cli");
    std::string in = dir + "/stdin", out = dir + "/stdout";
    FILE* f = std::fopen(in.c_str(), "w");
    std::fputs(input.c_str(), f);
    std::fclose(f);
    std::string cmd = absl::StrCat("XDG_CONFIG_HOME=", config.empty() ? *config_ : config,
                                   " SHIORI_SERVER=", server_->address(), " ",
                                   CliBinary());
    for (const auto& a : args) absl::StrAppend(&cmd, " '", a, "'");
    absl::StrAppend(&cmd, " <", in, " >", out, " 2>&1");
    int status = std::system(cmd.c_str());
    CliRun r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    FILE* o = std::fopen(out.c_str(), "r");
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), o)) > 0) r.out.append(buf.data(), n);
    std::fclose(o);
    return r;
  }

  static TestServer* server_;
  static std::string* config_;
  static std::string* database_;
};

TestServer* CliStoryTest::server_ = nullptr;
std::string* CliStoryTest::config_ = nullptr;
std::string* CliStoryTest::database_ = nullptr;

TEST_F(CliStoryTest, PatronSearchesLogsInReservesListsAndCancels) {  // C1, R2, R7, R13, R14
  CliRun search = Shiori({"--json", "search", "これからの本の話をしよう"});
  ASSERT_EQ(search.exit_code, 0) << search.out;
  auto found = nlohmann::json::parse(search.out);
  ASSERT_FALSE(found["records"].empty());
  std::string record = found["records"][0]["record_id"];
  EXPECT_EQ(found["records"][0]["title"], "これからの本の話をしよう");

  CliRun author = Shiori({"search", "萩野正昭"});
  EXPECT_EQ(author.exit_code, 0);
  EXPECT_THAT(author.out, HasSubstr("これからの本の話をしよう"));
  CliRun neko = Shiori({"search", "吾輩は猫である"});
  EXPECT_THAT(neko.out, HasSubstr("夏目 漱石"));

  CliRun show = Shiori({"show", record});
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_THAT(show.out, HasSubstr("萩野"));

  CliRun login = Shiori({"login", "0000001", "--password-stdin"}, "shiori01\n");
  ASSERT_EQ(login.exit_code, 0) << login.out;

  // Mail asked for without a confirmed address is refused (R2); the telephone is taken.
  CliRun by_mail = Shiori({"reserve", record, "--pickup", "本館", "--notify", "email"});
  EXPECT_EQ(by_mail.exit_code, 1);
  EXPECT_THAT(by_mail.out, HasSubstr("NO_CONFIRMED_EMAIL"));
  CliRun reserve = Shiori({"--json", "reserve", record, "--pickup", "本館", "--notify", "phone"});
  ASSERT_EQ(reserve.exit_code, 0) << reserve.out;
  auto placed = nlohmann::json::parse(reserve.out);
  std::string id = placed["reservation_id"];
  EXPECT_EQ(placed["queue_position"], 1);

  CliRun again = Shiori({"reserve", record, "--pickup", "main"});
  EXPECT_EQ(again.exit_code, 1);  // refused
  EXPECT_THAT(again.out, HasSubstr("ALREADY_RESERVED"));
  // The title says so before trying (R7), as placing it would.
  CliRun reserved = Shiori({"show", record});
  EXPECT_THAT(reserved.out, HasSubstr("すでに予約しています"));
  EXPECT_THAT(reserved.out, HasSubstr("[ALREADY_RESERVED]"));

  CliRun list = Shiori({"reservations"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_THAT(list.out, HasSubstr("これからの本の話をしよう"));

  CliRun cancel = Shiori({"cancel", id});
  EXPECT_EQ(cancel.exit_code, 0) << cancel.out;
  CliRun after = Shiori({"--json", "reservations"});
  EXPECT_THAT(after.out, ::testing::Not(HasSubstr("これからの本の話をしよう")));

  CliRun logout = Shiori({"logout"});
  EXPECT_EQ(logout.exit_code, 0);
  CliRun anonymous = Shiori({"reservations"});
  EXPECT_NE(anonymous.exit_code, 0);
}

TEST_F(CliStoryTest, RefusalsCarryTheirReasonAndExitOne) {  // R4, R6
  CliRun login = Shiori({"login", "0000002", "--password-stdin"}, "shiori02\n");
  ASSERT_EQ(login.exit_code, 0) << login.out;
  EXPECT_THAT(Shiori({"show", "1"}).out, HasSubstr("広域利用者は予約できません"));  // said before trying (R6)
  CliRun wide = Shiori({"reserve", "1", "--pickup", "main"});
  EXPECT_EQ(wide.exit_code, 1);
  EXPECT_THAT(wide.out, HasSubstr("WIDE_AREA_PATRON_CANNOT_RESERVE"));

  ASSERT_EQ(Shiori({"login", "0000005", "--password-stdin"}, "shiori05\n").exit_code, 0);
  CliRun manga = Shiori({"--json", "search", "放課後ロケット部"});
  auto found = nlohmann::json::parse(manga.out);
  ASSERT_FALSE(found["records"].empty());
  CliRun refused = Shiori({"reserve", found["records"][0]["record_id"], "--pickup", "main"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.out, HasSubstr("NOT_RESERVABLE_MATERIAL"));

  CliRun wrong = Shiori({"login", "0000001", "--password-stdin"}, "nope\n");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_THAT(wrong.out, HasSubstr("INVALID_CREDENTIALS"));
  CliRun usage = Shiori({"reserve"});
  EXPECT_EQ(usage.exit_code, 2);
}

TEST_F(CliStoryTest, DeskLendsReservesAndThePatronSeesIt) {  // B1, B2, B4, R3, R6
  auto barcode = TestMariaDb::Get().Sql(
      *database_,
      "SELECT c.barcode FROM copy c JOIN record r ON r.id = c.record_id WHERE c.home_library = 'main'"
      " AND c.status = 1 AND r.material_type = 1 AND NOT EXISTS (SELECT 1 FROM reservation v WHERE"
      " v.record_id = r.id) ORDER BY c.id LIMIT 1");
  ASSERT_TRUE(barcode.ok() && !barcode->empty());
  const std::string desk = NewTempDir("cli-desk"), patron = NewTempDir("cli-patron");
  ASSERT_EQ(Shiori({"staff", "login", "s0001", "--password-stdin"}, "staff001\n", desk).exit_code, 0);
  // Staff reserve for a patron at the desk (窓口予約): a title points them there, not to a reservation of their own.
  CliRun shown = Shiori({"show", "1"}, "", desk);
  EXPECT_THAT(shown.out, HasSubstr("shiori staff reserve PATRON_NUMBER 1"));

  // A check only says so, and lends nothing.
  CliRun check = Shiori({"staff", "checkout", "0000004", barcode->front(), "--validate-only"}, "", desk);
  ASSERT_EQ(check.exit_code, 0) << check.out;
  EXPECT_THAT(check.out, HasSubstr("確認のみ"));
  EXPECT_THAT(check.out, ::testing::Not(HasSubstr("貸出しました")));
  ASSERT_EQ(Shiori({"login", "0000004", "--password-stdin"}, "shiori04\n", patron).exit_code, 0);
  EXPECT_THAT(Shiori({"loans"}, "", patron).out, HasSubstr("(なし none)"));

  CliRun lent = Shiori({"staff", "checkout", "0000004", barcode->front()}, "", desk);
  ASSERT_EQ(lent.exit_code, 0) << lent.out;
  EXPECT_THAT(lent.out, HasSubstr("貸出しました"));
  CliRun loans = Shiori({"--json", "loans"}, "", patron);
  auto listed = nlohmann::json::parse(loans.out);
  ASSERT_EQ(listed["loans"].size(), 1u) << loans.out;
  // On the day of the loan a renewal would not move the due date (B2); as if lent 18 days ago, it would.
  EXPECT_THAT(Shiori({"loans"}, "", patron).out, HasSubstr("不可 (期限は延びない)"));
  ASSERT_TRUE(TestMariaDb::Get()
                  .Sql(*database_, "UPDATE loan SET due_date = CURRENT_DATE + INTERVAL 3 DAY WHERE returned_at IS NULL")
                  .ok());
  EXPECT_THAT(Shiori({"loans"}, "", patron).out, HasSubstr("可 (あと1回)"));
  ASSERT_EQ(Shiori({"renew", listed["loans"][0]["loan_id"]}, "", patron).exit_code, 0);
  EXPECT_THAT(Shiori({"loans"}, "", patron).out, HasSubstr("不可 (延長済)"));  // once only (B2)

  // 窓口予約: the desk reserves for the patron, who sees it among their own (R3).
  CliRun search = Shiori({"--json", "search", "これからの本の話をしよう"}, "", desk);
  const std::string record = nlohmann::json::parse(search.out)["records"][0]["record_id"];
  CliRun counter = Shiori({"staff", "reserve", "0000004", record, "--pickup", "分館", "--notify", "phone"}, "", desk);
  ASSERT_EQ(counter.exit_code, 0) << counter.out;
  EXPECT_THAT(counter.out, HasSubstr("予約しました"));
  EXPECT_THAT(counter.out, HasSubstr("利用者 patron: 0000004"));  // the desk sees whom it reserved for
  EXPECT_THAT(Shiori({"reservations"}, "", patron).out, HasSubstr("これからの本の話をしよう"));
  EXPECT_EQ(Shiori({"staff", "reserve", "0000002", record, "--pickup", "本館"}, "", desk).exit_code, 1);  // R6

  // Returned at the desk; scanned again, the desk is told nothing was on loan (and where the copy goes).
  CliRun back = Shiori({"staff", "checkin", barcode->front()}, "", desk);
  ASSERT_EQ(back.exit_code, 0) << back.out;
  EXPECT_THAT(back.out, HasSubstr("返却しました"));
  CliRun twice = Shiori({"staff", "checkin", barcode->front()}, "", desk);
  ASSERT_EQ(twice.exit_code, 0) << twice.out;
  EXPECT_THAT(twice.out, HasSubstr("貸出中ではない資料"));
  EXPECT_THAT(twice.out, HasSubstr("書架へ"));
}

// P10: an admin reads the audit log — who did what, when, from where — newest first; a desk session may not.
TEST_F(CliStoryTest, AnAdminReadsTheAuditLog) {  // P10
  const std::string desk = NewTempDir("cli-audit-desk"), admin = NewTempDir("cli-audit-admin");
  ASSERT_EQ(Shiori({"staff", "login", "s0002", "--password-stdin"}, "staff002\n", desk).exit_code, 0);
  CliRun refused = Shiori({"staff", "audit"}, "", desk);
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_THAT(refused.out, HasSubstr("管理者だけ"));
  ASSERT_EQ(Shiori({"staff", "login", "a0001", "--password-stdin"}, "admin001\n", admin).exit_code, 0);
  CliRun mine = Shiori({"staff", "audit", "--actor", "staff:s0002", "--action", "login"}, "", admin);
  ASSERT_EQ(mine.exit_code, 0) << mine.out;
  EXPECT_THAT(mine.out, HasSubstr("実行者 actor"));
  EXPECT_THAT(mine.out, HasSubstr("staff:s0002"));
  // Followed over pages (two a page would be the API's own paging; --limit is what the desk asks for).
  CliRun two = Shiori({"--json", "staff", "audit", "--limit", "2"}, "", admin);
  ASSERT_EQ(two.exit_code, 0) << two.out;
  const nlohmann::json parsed = nlohmann::json::parse(two.out);
  ASSERT_EQ(parsed["entries"].size(), 2u) << two.out;
  EXPECT_FALSE(parsed["next_page_token"].get<std::string>().empty());
  CliRun none = Shiori({"staff", "audit", "--actor", "staff:nobody"}, "", admin);
  ASSERT_EQ(none.exit_code, 0) << none.out;
  EXPECT_THAT(none.out, HasSubstr("記録はありません"));
  EXPECT_EQ(Shiori({"staff", "audit", "--limit", "0"}, "", admin).exit_code, 2);
}

// L2: staff open the library on a day it is normally closed (臨時開館), and take it back.
TEST_F(CliStoryTest, DeskOpensOnAClosedDayAndTakesItBack) {  // L2
  const std::string desk = NewTempDir("cli-opening");
  ASSERT_EQ(Shiori({"staff", "login", "s0001", "--password-stdin"}, "staff001\n", desk).exit_code, 0);
  absl::CivilDay monday = TokyoDay(absl::Now()) + 14;  // a Monday (定休日) two weeks or more ahead
  while (absl::GetWeekday(monday) != absl::Weekday::monday) ++monday;
  const std::string day = absl::FormatCivilTime(monday);
  auto open_on = [&]() -> std::string {
    CliRun month = Shiori({"--json", "calendar", "main", "--month", day.substr(0, 7)}, "", desk);
    const nlohmann::json parsed = nlohmann::json::parse(month.out);
    for (const auto& d : parsed["days"]) {
      const auto& date = d["date"];
      if (absl::CivilDay(date["year"].get<int>(), date["month"].get<int>(), date["day"].get<int>()) == monday) {
        return d["open"].get<bool>() ? "open" : "closed";
      }
    }
    ADD_FAILURE() << day << " not in: " << month.out;
    return "missing";
  };
  EXPECT_EQ(open_on(), "closed");
  CliRun made = Shiori({"staff", "opening", "add", "本館", "--from", day, "--reason", "臨時開館"}, "", desk);
  ASSERT_EQ(made.exit_code, 0) << made.out;
  EXPECT_THAT(made.out, HasSubstr("臨時開館日を追加しました"));
  EXPECT_EQ(open_on(), "open");
  const std::string name = made.out.substr(made.out.find("libraries/"), made.out.find('\n') - made.out.find("libraries/"));
  CliRun removed = Shiori({"staff", "opening", "remove", name}, "", desk);
  ASSERT_EQ(removed.exit_code, 0) << removed.out;
  EXPECT_EQ(open_on(), "closed");
}

}  // namespace
}  // namespace shiori::testing
