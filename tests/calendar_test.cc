// The library calendar and the clock end to end (L1–L3, R11, B3, R3): the test clock through AdminService and
// shiori-admin, GetCalendar for a month, staff's closures and exceptional openings moving stored due dates and
// pickup deadlines, the holiday CSV import, and a policy file whose reservation limit changes the refusal point.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "shiori/error_details.h"
#include "tests/support/test_clock.h"
#include "tests/support/test_env.h"

namespace shiori::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

google::type::Date D(int y, int m, int d) {
  google::type::Date out;
  out.set_year(y);
  out.set_month(m);
  out.set_day(d);
  return out;
}

std::string DayText(const google::type::Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  return buf;
}

class CalendarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = NewDatabase(Seed::kDemo);
    ASSERT_TRUE(db.ok()) << db.status();
    database_ = *db;
  }
  void StartServer(ServerOptions options = {}) {
    options.database = database_;
    auto server = TestServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }
  Client Staff(const std::string& id, const std::string& password) {
    auto c = StaffClientOf(*server_, id, password);
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? *c : server_->NewClient();
  }
  std::vector<std::string> Sql(const std::string& sql) {
    auto rows = TestMariaDb::Get().Sql(database_, sql);
    EXPECT_TRUE(rows.ok()) << rows.status() << " in " << sql;
    return rows.ok() ? *rows : std::vector<std::string>{};
  }
  std::string One(const std::string& sql) {
    auto rows = Sql(sql);
    return rows.empty() ? "" : rows.front();
  }
  // An open loan lent at `library`, due `due`, and a reservation secured there with pickup deadline
  // `deadline`, both of patron 0000001, written directly (the circulation use cases have their own tests).
  void StoreDeadlines(const std::string& library, const std::string& due, const std::string& deadline) {
    const std::string patron = One("SELECT id FROM patron WHERE patron_number = '0000001'");
    const std::string copy = One("SELECT id FROM copy ORDER BY id LIMIT 1");
    const std::string record = One("SELECT record_id FROM copy WHERE id = " + copy);
    Sql(absl::StrCat("INSERT INTO loan (copy_id, patron_id, record_id, library, loaned_at, due_date) VALUES (", copy,
                     ", ", patron, ", ", record, ", '", library, "', UTC_TIMESTAMP(6), '", due, "')"));
    const std::string other = One("SELECT id FROM record WHERE id <> " + record + " ORDER BY id LIMIT 1");
    Sql(absl::StrCat("INSERT INTO reservation (patron_id, record_id, pickup_library, notify_method, channel, state,"
                     " queue_number, created_at, secured_at, pickup_deadline) VALUES (", patron, ", ", other, ", '",
                     library, "', 1, 1, 3, 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), '", deadline, "')"));
  }
  // A hold-ready mail of the stored reservation, in `state` (1 waiting to be sent, 3 sent), telling `deadline`.
  void StoreReadyMail(int state, const std::string& deadline) {
    const std::string reservation = One("SELECT MAX(id) FROM reservation");
    Sql(absl::StrCat("INSERT INTO outbox (dedupe_key, kind, recipient, template, params, reservation_id, state,"
                     " next_attempt_at, created_at) VALUES ('ready:", reservation, ":", state,
                     "', 'hold_ready', 'p@example.jp', 'hold_ready', '{\"deadline\":\"", deadline, "\"}', ",
                     reservation, ", ", state, ", UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))"));
  }

  std::string database_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(CalendarTest, AdminSetsAndAdvancesTheTestClock) {  // L3
  StartServer();
  auto set = SetServerClock(*server_, "2026-12-10T09:00+09:00");
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->now(), "2026-12-10T00:00:00.000Z");
  EXPECT_EQ(DayText(set->today()), "2026-12-10");
  EXPECT_TRUE(set->test_clock());

  Client admin = Staff("a0001", "admin001");
  v1::AdvanceClockRequest advance;
  advance.set_duration("7d");
  advance.set_request_id("advance-once");
  auto a1 = admin.AdvanceClock(advance);
  ASSERT_TRUE(a1.ok()) << a1.status();
  EXPECT_EQ(DayText(a1->today()), "2026-12-17");
  // Sessions idle out on the moved clock (P9): log in again. A retried request does not advance twice.
  admin = Staff("a0001", "admin001");
  auto a2 = admin.AdvanceClock(advance);
  ASSERT_TRUE(a2.ok()) << a2.status();
  EXPECT_EQ(a2->now(), a1->now());
  v1::AdvanceClockRequest other = advance;  // the same id for another duration: another call, refused
  other.set_duration("1d");
  EXPECT_EQ(ErrorReason(admin.AdvanceClock(other).status()), "REQUEST_ID_REUSED");
  auto now = admin.GetClock();
  ASSERT_TRUE(now.ok()) << now.status();
  EXPECT_EQ(now->now_tokyo(), "2026-12-17T09:00:00+09:00");

  // The server's "today" is the clock's: a calendar with no start date starts there.
  Client anyone = server_->NewClient();
  v1::GetCalendarRequest cal;
  cal.set_library("libraries/main");
  auto days = anyone.GetCalendar(cal);
  ASSERT_TRUE(days.ok()) << days.status();
  ASSERT_FALSE(days->days().empty());
  EXPECT_EQ(DayText(days->days(0).date()), "2026-12-17");

  v1::SetClockRequest bad;
  bad.set_time("2026-12-10 09:00");
  auto refused = admin.SetClock(bad);
  EXPECT_EQ(ErrorReason(refused.status()), "CLOCK_TIME_INVALID");
  advance.set_duration("-1d");
  advance.set_request_id("");
  EXPECT_EQ(ErrorReason(admin.AdvanceClock(advance).status()), "CLOCK_DURATION_INVALID");
  // Times the store cannot hold are refused as such, checked or not (they were accepted by a check, then failed
  // as INTERNAL, or stopped the clock at 2262 without a word).
  for (const char* time : {"10000-01-01T00:00:00Z", "9999-12-31T14:00:00Z", "0500-01-01T00:00:00Z"}) {
    for (bool check : {true, false}) {
      bad.set_time(time);
      bad.set_validate_only(check);
      EXPECT_EQ(ErrorReason(admin.SetClock(bad).status()), "CLOCK_TIME_INVALID") << time;
    }
  }
  advance.set_duration("1000000000d");
  for (bool check : {true, false}) {
    advance.set_validate_only(check);
    EXPECT_EQ(ErrorReason(admin.AdvanceClock(advance).status()), "CLOCK_DURATION_INVALID");
  }
  // Only admins (P10).
  Client staff = Staff("s0001", "staff001");
  EXPECT_EQ(staff.SetClock(v1::SetClockRequest()).status().code(), absl::StatusCode::kPermissionDenied);
  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok()) << patron.status();
  EXPECT_EQ(patron->GetClock().status().code(), absl::StatusCode::kPermissionDenied);
  // Audited.
  EXPECT_EQ(One("SELECT COUNT(*) FROM audit_log WHERE action IN ('clock.set', 'clock.advance')"), "2");
}

TEST_F(CalendarTest, WithoutTheFlagNoCallMovesTheClock) {  // L3
  StartServer({.test_clock = false});
  Client admin = Staff("a0001", "admin001");
  v1::SetClockRequest set;
  set.set_time("2030-01-01T00:00:00Z");
  auto refused = admin.SetClock(set);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(refused.status()), "TEST_CLOCK_DISABLED");
  v1::AdvanceClockRequest advance;
  advance.set_duration("7d");
  EXPECT_EQ(ErrorReason(admin.AdvanceClock(advance).status()), "TEST_CLOCK_DISABLED");
  auto now = admin.GetClock();
  ASSERT_TRUE(now.ok()) << now.status();
  EXPECT_FALSE(now->test_clock());
  EXPECT_NE(now->now().substr(0, 4), "2030");
}

TEST_F(CalendarTest, AdminToolSetsAndAdvancesTheClock) {  // L3
  StartServer();
  auto run = [&](const std::string& args) {
    std::string cmd = absl::StrCat("echo admin001 | ", AdminBinary(), " clock ", args, " --server ",
                                   server_->address(), " --staff a0001 --password-stdin 2>&1");
    CommandResult r = RunShell(cmd);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r.output;
  };
  EXPECT_THAT(run("set 2026-12-10T09:00+09:00"), HasSubstr("2026-12-10T09:00:00+09:00"));
  EXPECT_THAT(run("advance 7d"), HasSubstr("2026-12-17T09:00:00+09:00"));
  EXPECT_THAT(run("show"), HasSubstr("2026-12-17T09:00:00+09:00"));
}

TEST_F(CalendarTest, DecemberOfTheMainLibrary) {  // L2
  StartServer();
  Client anyone = server_->NewClient();
  v1::GetCalendarRequest req;
  req.set_library("main");
  *req.mutable_start_date() = D(2026, 12, 1);
  *req.mutable_end_date() = D(2026, 12, 31);
  auto cal = anyone.GetCalendar(req);
  ASSERT_TRUE(cal.ok()) << cal.status();
  ASSERT_EQ(cal->days_size(), 31);
  std::map<std::string, std::string> closed;
  for (const auto& d : cal->days()) {
    if (!d.open()) closed[DayText(d.date())] = d.reason();
  }
  const std::map<std::string, std::string> want = {
      {"2026-12-07", "定休日"}, {"2026-12-14", "定休日"},   {"2026-12-21", "定休日"},   {"2026-12-25", "第4金曜日"},
      {"2026-12-28", "定休日"}, {"2026-12-29", "年末年始"}, {"2026-12-30", "年末年始"}, {"2026-12-31", "年末年始"},
  };
  EXPECT_EQ(closed, want);
  // Hours: Sunday 12-06 closes at 17:00, Tuesday 12-01 at 18:00.
  EXPECT_EQ(cal->days(5).closes(), "17:00");
  EXPECT_EQ(cal->days(0).opens(), "10:00");
  EXPECT_EQ(cal->days(0).closes(), "18:00");

  req.set_library("libraries/nowhere");
  EXPECT_EQ(anyone.GetCalendar(req).status().code(), absl::StatusCode::kNotFound);
  req.set_library("main");
  *req.mutable_end_date() = D(2026, 11, 1);
  EXPECT_EQ(anyone.GetCalendar(req).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(CalendarTest, ClosureMovesStoredDueDatesAndPickupDeadlines) {  // R11, B3, L2, P10
  StartServer();
  ASSERT_TRUE(SetServerClock(*server_, "2026-12-01T09:00+09:00").ok());
  StoreDeadlines("main", "2026-12-16", "2026-12-17");
  StoreReadyMail(1, "2026年12月17日（木）");
  StoreReadyMail(3, "2026年12月17日（木）");
  Client staff = Staff("s0001", "staff001");

  v1::CreateClosureRequest req;
  req.set_parent("libraries/main");
  *req.mutable_closure()->mutable_start_date() = D(2026, 12, 15);
  *req.mutable_closure()->mutable_end_date() = D(2026, 12, 19);
  req.mutable_closure()->set_reason("蔵書点検");
  // A preview counts what would move and changes nothing.
  req.set_validate_only(true);
  auto preview = staff.CreateClosure(req);
  ASSERT_TRUE(preview.ok()) << preview.status();
  EXPECT_EQ(preview->moved_due_dates(), 1);
  EXPECT_EQ(preview->moved_pickup_deadlines(), 1);
  EXPECT_EQ(One("SELECT COUNT(*) FROM calendar_exception"), "0");
  EXPECT_EQ(One("SELECT due_date FROM loan"), "2026-12-16");

  req.set_validate_only(false);
  req.set_request_id("closure-1");
  auto made = staff.CreateClosure(req);
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_THAT(made->closure().name(), HasSubstr("libraries/main/closures/"));
  EXPECT_EQ(made->moved_due_dates(), 1);
  EXPECT_EQ(made->moved_pickup_deadlines(), 1);
  // 12-20 is a Sunday: open (L2).
  EXPECT_EQ(One("SELECT due_date FROM loan"), "2026-12-20");
  EXPECT_EQ(One("SELECT pickup_deadline FROM reservation"), "2026-12-20");
  // The ready mail not sent yet tells the new deadline; the one sent is as it was (R10: one notice).
  EXPECT_EQ(One("SELECT JSON_VALUE(params, '$.deadline') FROM outbox WHERE state = 1"), "2026年12月20日（日）");
  EXPECT_EQ(One("SELECT JSON_VALUE(params, '$.deadline') FROM outbox WHERE state = 3"), "2026年12月17日（木）");
  // The patron's view shows the new deadline.
  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok()) << patron.status();
  auto mine = patron->ListReservations();
  ASSERT_TRUE(mine.ok()) << mine.status();
  bool seen = false;
  for (const auto& r : mine->reservations()) {
    if (r.has_pickup_deadline()) {
      EXPECT_EQ(DayText(r.pickup_deadline()), "2026-12-20");
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
  // A retry returns the same closure; nothing moves twice.
  auto again = staff.CreateClosure(req);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->closure().name(), made->closure().name());
  EXPECT_EQ(One("SELECT COUNT(*) FROM calendar_exception"), "1");

  // The calendar shows it, with its name.
  v1::GetCalendarRequest cal;
  cal.set_library("main");
  *cal.mutable_start_date() = D(2026, 12, 14);
  *cal.mutable_end_date() = D(2026, 12, 20);
  auto week = patron->GetCalendar(cal);
  ASSERT_TRUE(week.ok()) << week.status();
  EXPECT_EQ(week->days(1).reason(), "蔵書点検");
  EXPECT_FALSE(week->days(1).open());
  ASSERT_EQ(week->closures_size(), 1);
  EXPECT_EQ(week->closures(0).name(), made->closure().name());

  // A later closure moves the date again (R11).
  v1::CreateClosureRequest sunday;
  sunday.set_parent("libraries/main");
  *sunday.mutable_closure()->mutable_start_date() = D(2026, 12, 20);
  sunday.mutable_closure()->set_reason("設備点検");
  auto second = staff.CreateClosure(sunday);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(One("SELECT due_date FROM loan"), "2026-12-22");  // 12-21 is a Monday

  // Staff of the branch may not close the main library (P10); every change is audited.
  Client branch = Staff("s0002", "staff002");
  EXPECT_EQ(ErrorReason(branch.CreateClosure(sunday).status()), "NOT_STAFF_OF_LIBRARY");
  EXPECT_EQ(One("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.closure.create'"), "2");

  // Removing a closure leaves the moved dates where they are.
  v1::DeleteClosureRequest del;
  del.set_name(made->closure().name());
  ASSERT_TRUE(staff.DeleteClosure(del).ok());
  ASSERT_TRUE(staff.DeleteClosure(del).ok());  // again: still OK
  EXPECT_EQ(One("SELECT due_date FROM loan"), "2026-12-22");
  auto after = patron->GetCalendar(cal);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->days(1).open());

  // Bad input is named by field.
  v1::CreateClosureRequest bad = sunday;
  *bad.mutable_closure()->mutable_end_date() = D(2026, 12, 1);
  auto refused = staff.CreateClosure(bad);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  bad = sunday;
  *bad.mutable_closure()->mutable_start_date() = D(2026, 11, 30);
  EXPECT_EQ(ErrorReason(staff.CreateClosure(bad).status()), "CALENDAR_DAY_IN_PAST");
  // A reason is required; spaces of any width (U+3000 too) and invisible characters are none.
  bad = sunday;
  for (const char* blank : {"", "　", "\u200e\u200f"}) {
    bad.mutable_closure()->set_reason(blank);
    EXPECT_EQ(ErrorReason(staff.CreateClosure(bad).status()), "REASON_REQUIRED") << blank;
  }
  bad.mutable_closure()->set_reason("点検\u0085");  // a C1 control character is no text
  EXPECT_EQ(ErrorReason(staff.CreateClosure(bad).status()), "CONTROL_CHARACTER");
  // The reason holds 100 characters, counted as characters, the same in a preview and in the real call.
  bad = sunday;
  bad.mutable_closure()->set_reason(std::string(101, 'a'));
  bad.set_validate_only(true);
  EXPECT_EQ(ErrorReason(staff.CreateClosure(bad).status()), "TEXT_TOO_LONG");
  bad.set_validate_only(false);
  EXPECT_EQ(ErrorReason(staff.CreateClosure(bad).status()), "TEXT_TOO_LONG");
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "点";
  bad.mutable_closure()->set_reason(hundred);
  *bad.mutable_closure()->mutable_start_date() = D(2026, 12, 24);
  EXPECT_TRUE(staff.CreateClosure(bad).ok());
  // A request id names one call: not the same closure at another library, nor an opening.
  Client admin = Staff("a0001", "admin001");
  v1::CreateClosureRequest elsewhere = req;
  elsewhere.set_parent("libraries/branch");
  EXPECT_EQ(ErrorReason(admin.CreateClosure(elsewhere).status()), "REQUEST_ID_REUSED");
  v1::CreateOpeningRequest opening;
  opening.set_parent("libraries/main");
  *opening.mutable_opening()->mutable_start_date() = D(2026, 12, 28);
  opening.mutable_opening()->set_reason("臨時開館");
  opening.set_request_id(req.request_id());
  EXPECT_EQ(ErrorReason(admin.CreateOpening(opening).status()), "REQUEST_ID_REUSED");
}

TEST_F(CalendarTest, CliPrintsTheMonthGrid) {  // L2, L3
  StartServer();
  std::string cmd = absl::StrCat(CliBinary(), " --server ", server_->address(), " calendar main --month 2026-12 2>&1");
  CommandResult r = RunShell(cmd);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string& out = r.output;
  EXPECT_THAT(out, HasSubstr("2026年12月"));
  EXPECT_THAT(out, HasSubstr("  7*  8   9  10  11  12  13 \n"));
  EXPECT_THAT(out, HasSubstr("第4金曜日: 25"));
  EXPECT_THAT(out, HasSubstr("年末年始: 29, 30, 31"));
  // Without --month: the server's month (L3), here on its test clock, whatever this machine's date.
  ASSERT_TRUE(SetServerClock(*server_, "2031-05-20T09:00+09:00").ok());
  r = RunShell(absl::StrCat(CliBinary(), " --server ", server_->address(), " calendar main 2>&1"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("2031年5月"));
}

TEST_F(CalendarTest, ExceptionalOpeningAndItsRemoval) {  // L2, B3
  StartServer();
  ASSERT_TRUE(SetServerClock(*server_, "2026-12-01T09:00+09:00").ok());
  Client admin = Staff("a0001", "admin001");
  v1::CreateOpeningRequest req;
  req.set_parent("libraries/branch");
  *req.mutable_opening()->mutable_start_date() = D(2026, 12, 14);  // a Monday
  req.mutable_opening()->set_reason("臨時開館");
  auto made = admin.CreateOpening(req);
  ASSERT_TRUE(made.ok()) << made.status();
  v1::GetCalendarRequest cal;
  cal.set_library("branch");
  *cal.mutable_start_date() = D(2026, 12, 14);
  *cal.mutable_end_date() = D(2026, 12, 14);
  auto day = admin.GetCalendar(cal);
  ASSERT_TRUE(day.ok());
  EXPECT_TRUE(day->days(0).open());
  EXPECT_TRUE(day->days(0).exceptional_opening());
  EXPECT_EQ(day->days(0).reason(), "臨時開館");
  // An opening of days that are all open already would change nothing: refused, most likely a mistyped date.
  v1::CreateOpeningRequest open_again = req;
  open_again.mutable_opening()->set_reason("臨時開館（二回目）");
  auto twice = admin.CreateOpening(open_again);
  EXPECT_EQ(ErrorReason(twice.status()), "ALREADY_OPEN");
  EXPECT_EQ(ErrorMetadata(twice.status(), "rule"), "L2");
  *open_again.mutable_opening()->mutable_end_date() = D(2026, 12, 15);  // the opened Monday and a Tuesday
  EXPECT_EQ(ErrorReason(admin.CreateOpening(open_again).status()), "ALREADY_OPEN");
  EXPECT_EQ(One("SELECT COUNT(*) FROM calendar_exception WHERE kind = 2"), "1");
  // A due date put on the opened Monday moves on when the opening is removed.
  StoreDeadlines("branch", "2026-12-14", "2026-12-14");
  v1::DeleteOpeningRequest del;
  del.set_name(made->name());
  auto removed = admin.DeleteOpening(del);
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(removed->moved_due_dates(), 1);
  EXPECT_EQ(One("SELECT due_date FROM loan"), "2026-12-15");

  // One that has begun stays: its past days are not changed (L2), nor the dates on them.
  *req.mutable_opening()->mutable_start_date() = D(2026, 12, 21);  // a Monday
  auto later = admin.CreateOpening(req);
  ASSERT_TRUE(later.ok()) << later.status();
  ASSERT_TRUE(SetServerClock(*server_, "2026-12-22T09:00+09:00").ok());
  admin = Staff("a0001", "admin001");  // the session idled out meanwhile
  del.set_name(later->name());
  auto past = admin.DeleteOpening(del);
  EXPECT_EQ(ErrorReason(past.status()), "CALENDAR_DAY_IN_PAST");
  EXPECT_EQ(ErrorMetadata(past.status(), "rule"), "L2");
  cal.mutable_start_date()->set_day(21);
  cal.mutable_end_date()->set_day(21);
  day = admin.GetCalendar(cal);
  ASSERT_TRUE(day.ok());
  EXPECT_TRUE(day->days(0).open());
}

TEST_F(CalendarTest, ImportedHolidayTableWinsForItsYears) {  // L2, B3
  StartServer();
  ASSERT_TRUE(SetServerClock(*server_, "2026-12-01T09:00+09:00").ok());
  StoreDeadlines("main", "2026-12-15", "2026-12-16");
  const std::string csv = NewTempDir("holidays") + "/syukujitsu.csv";
  {
    std::ofstream out(csv);
    out << "国民の祝日・休日月日,国民の祝日・休日名称\r\n2026/1/1,元日\r\n2026/12/15,記念日\r\n";
  }
  std::string output;
  absl::Status s = RunAdmin(database_, {"holidays", "import", csv}, &output);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_THAT(output, HasSubstr("2 imported"));
  // Two rows replace the whole of 2026: said, since the law gives 2026 many more.
  EXPECT_THAT(output, HasSubstr("warning: 2026: the file has 2 holidays, the law gives"));
  EXPECT_EQ(One("SELECT due_date FROM loan"), "2026-12-16");
  Client anyone = server_->NewClient();
  v1::GetCalendarRequest cal;
  cal.set_library("main");
  *cal.mutable_start_date() = D(2026, 11, 23);  // 勤労感謝の日 by the law; not in the imported table
  *cal.mutable_end_date() = D(2026, 12, 15);
  auto days = anyone.GetCalendar(cal);
  ASSERT_TRUE(days.ok()) << days.status();
  EXPECT_EQ(days->days(0).holiday_name(), "");
  const auto& last = days->days(days->days_size() - 1);
  EXPECT_FALSE(last.open());
  EXPECT_EQ(last.holiday_name(), "記念日");

  std::ofstream(csv) << "2026/02/30,ない日\n";
  EXPECT_FALSE(RunAdmin(database_, {"holidays", "import", csv}).ok());
}

TEST_F(CalendarTest, ReservationLimitComesFromThePolicyFile) {  // R3
  std::ifstream in(SourceDir() + "/config/policy.textproto");
  std::stringstream text;
  text << in.rdbuf();
  const std::string original = text.str();
  ASSERT_THAT(original, HasSubstr("limit: 10  # R3"));
  const std::string policy = NewTempDir("policy") + "/policy.textproto";
  std::ofstream(policy) << absl::StrReplaceAll(original, {{"limit: 10  # R3", "limit: 2  # R3"}});
  StartServer({.policy_file = policy});
  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok()) << patron.status();
  auto records = Sql("SELECT id FROM record WHERE source = 'demo' AND material_type IN (1, 2) ORDER BY id LIMIT 3");
  ASSERT_EQ(records.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    v1::PlaceReservationRequest req;
    req.set_record("records/" + records[i]);
    req.set_pickup_library("main");
    req.set_notify_method(v1::TELEPHONE);
    auto r = patron->PlaceReservation(req);
    if (i < 2) {
      EXPECT_TRUE(r.ok()) << r.status();
    } else {
      EXPECT_EQ(ErrorReason(r.status()), "HOLD_LIMIT_REACHED");
      EXPECT_EQ(ErrorMetadata(r.status(), "limit"), "2");
    }
  }
}

// L1: every library has its own calendar. A calendar file that lacks one stops the server at start, naming the
// library, rather than leave that desk unable to lend (its calendar "not found").
TEST_F(CalendarTest, ACalendarFileWithoutALibraryStopsTheServer) {  // L1
  std::ifstream in(SourceDir() + "/config/calendar.textproto");
  std::stringstream text;
  text << in.rdbuf();
  ASSERT_THAT(text.str(), HasSubstr("library_id: \"branch\""));
  const std::string calendar = NewTempDir("calendar") + "/calendar.textproto";
  std::ofstream(calendar) << absl::StrReplaceAll(text.str(), {{"library_id: \"branch\"", "library_id: \"annex\""}});
  ServerOptions options;
  options.database = database_;
  options.extra_args = {"--calendar", calendar};
  auto server = TestServer::Start(options);
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(std::string(server.status().message()), HasSubstr("CALENDAR_MISSING"));
  EXPECT_THAT(std::string(server.status().message()), HasSubstr("branch"));
}

// L1: a calendar for a library the database does not have (one still to open, or a misspelt id beside the right
// one) is no reason to stop, but the start says so.
TEST_F(CalendarTest, ACalendarForNoLibraryIsNamedAtStart) {  // L1
  std::ifstream in(SourceDir() + "/config/calendar.textproto");
  std::stringstream text;
  text << in.rdbuf();
  const std::string calendar = NewTempDir("calendar") + "/calendar.textproto";
  const std::string all = text.str();
  const size_t first = all.find("calendars {");
  const std::string main_calendar = all.substr(first, all.find("calendars {", first + 1) - first);
  ASSERT_THAT(main_calendar, HasSubstr("library_id: \"main\""));
  std::ofstream(calendar) << all << "\n"
                          << absl::StrReplaceAll(main_calendar, {{"library_id: \"main\"", "library_id: \"annex\""}});
  ServerOptions options;
  options.database = database_;
  options.extra_args = {"--calendar", calendar};
  auto server = TestServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_THAT((*server)->log(), HasSubstr("a calendar for 'annex', which is no library here"));
  EXPECT_THAT((*server)->log(), Not(HasSubstr("'branch'")));
}

}  // namespace
}  // namespace shiori::testing
