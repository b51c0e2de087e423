// The library calendar (rules L1–L3) and deadlines on it (B2, B3, R11): the default calendar of
// config/calendar.textproto over the whole of 2026, deadlines that land on closed days, exceptions, and the
// errors of bad or closed-forever calendars.
#include "server/policy/library_calendar.h"

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "server/common/error.h"

namespace shiori::policy {
namespace {

using ::testing::HasSubstr;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

shiori::v1::CalendarConfig LoadDefaultConfig() {
  std::ifstream in(std::string(SHIORI_SOURCE_DIR) + "/config/calendar.textproto");
  std::stringstream text;
  text << in.rdbuf();
  shiori::v1::CalendarConfig config;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text.str(), &config));
  return config;
}

shiori::v1::LibraryCalendar DefaultProto(absl::string_view library_id) {
  const shiori::v1::CalendarConfig config = LoadDefaultConfig();
  for (const auto& c : config.calendars()) {
    if (c.library_id() == library_id) return c;
  }
  ADD_FAILURE() << "no calendar for " << library_id;
  return {};
}

LibraryCalendar Build(const shiori::v1::LibraryCalendar& proto) {
  absl::StatusOr<LibraryCalendar> c = LibraryCalendar::FromProto(proto);
  EXPECT_TRUE(c.ok()) << c.status();
  return *std::move(c);
}

shiori::v1::LibraryCalendar Parse(absl::string_view text) {
  shiori::v1::LibraryCalendar p;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(std::string(text), &p)) << text;
  return p;
}

// The field of the first google.rpc.BadRequest violation of a status.
std::string FieldOf(const absl::Status& status) {
  auto payload = status.GetPayload(kBadRequestUrl);
  google::rpc::BadRequest bad;
  if (!payload.has_value() || !bad.ParseFromString(std::string(*payload)) || bad.field_violations_size() == 0) {
    return "";
  }
  return bad.field_violations(0).field();
}

class LibraryCalendarTest : public ::testing::Test {
 protected:
  const HolidayCalendar holidays_;
  const LibraryCalendar main_ = Build(DefaultProto("main"));
};

TEST_F(LibraryCalendarTest, DefaultConfigHasBothLibraries) {  // L1
  absl::StatusOr<std::vector<LibraryCalendar>> all = CalendarsFromConfig(LoadDefaultConfig());
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].library_id(), "main");
  EXPECT_EQ((*all)[1].library_id(), "branch");
}

// Every closed day of 2026 at 本館, checked by hand against a printed 2026 calendar:
// M = Monday 定休日, H = 祝日 not on a Sunday, F = 4th Friday, Y = 年末年始.
TEST_F(LibraryCalendarTest, EveryDayOf2026AtMain) {  // L2
  const std::map<int, std::vector<std::pair<int, char>>> closed_by_month = {
      {1, {{1, 'Y'}, {2, 'Y'}, {3, 'Y'}, {4, 'Y'}, {5, 'M'}, {12, 'H'}, {19, 'M'}, {23, 'F'}, {26, 'M'}}},
      {2, {{2, 'M'}, {9, 'M'}, {11, 'H'}, {16, 'M'}, {23, 'H'}, {27, 'F'}}},
      {3, {{2, 'M'}, {9, 'M'}, {16, 'M'}, {20, 'H'}, {23, 'M'}, {27, 'F'}, {30, 'M'}}},
      {4, {{6, 'M'}, {13, 'M'}, {20, 'M'}, {24, 'F'}, {27, 'M'}, {29, 'H'}}},
      {5, {{4, 'H'}, {5, 'H'}, {6, 'H'}, {11, 'M'}, {18, 'M'}, {22, 'F'}, {25, 'M'}}},  // 5/3 is a Sunday: open
      {6, {{1, 'M'}, {8, 'M'}, {15, 'M'}, {22, 'M'}, {26, 'F'}, {29, 'M'}}},
      {7, {{6, 'M'}, {13, 'M'}, {20, 'H'}, {24, 'F'}, {27, 'M'}}},
      {8, {{3, 'M'}, {10, 'M'}, {11, 'H'}, {17, 'M'}, {24, 'M'}, {28, 'F'}, {31, 'M'}}},
      {9, {{7, 'M'}, {14, 'M'}, {21, 'H'}, {22, 'H'}, {23, 'H'}, {25, 'F'}, {28, 'M'}}},
      {10, {{5, 'M'}, {12, 'H'}, {19, 'M'}, {23, 'F'}, {26, 'M'}}},
      {11, {{2, 'M'}, {3, 'H'}, {9, 'M'}, {16, 'M'}, {23, 'H'}, {27, 'F'}, {30, 'M'}}},
      {12, {{7, 'M'}, {14, 'M'}, {21, 'M'}, {25, 'F'}, {28, 'M'}, {29, 'Y'}, {30, 'Y'}, {31, 'Y'}}},
  };
  const std::map<char, std::string> reason = {{'M', "定休日"}, {'H', "祝日"}, {'F', "第4金曜日"}, {'Y', "年末年始"}};
  std::map<absl::CivilDay, std::string> expected;
  for (const auto& [month, days] : closed_by_month) {
    for (const auto& [day, code] : days) expected[D(2026, month, day)] = reason.at(code);
  }
  ASSERT_EQ(expected.size(), 80u);

  std::map<absl::CivilDay, std::string> actual;
  std::map<std::string, int> count_by_reason;
  for (const DayDescription& d : DescribeDays(main_, holidays_, D(2026, 1, 1), D(2026, 12, 31))) {
    EXPECT_EQ(d.open, IsOpen(main_, holidays_, d.day));
    if (d.open) {
      EXPECT_EQ(d.opens, "10:00") << d.day;
      EXPECT_EQ(d.closes, absl::GetWeekday(d.day) == absl::Weekday::sunday ? "17:00" : "18:00") << d.day;
    } else {
      EXPECT_TRUE(d.opens.empty() && d.closes.empty()) << d.day;
      actual[d.day] = d.reason;
      ++count_by_reason[d.reason];
    }
  }
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(actual.size(), 80u);
  EXPECT_EQ(count_by_reason["定休日"], 45);  // 52 Mondays, 7 of them holidays
  EXPECT_EQ(count_by_reason["祝日"], 16);    // 18 holidays, less 5/3 (Sunday) and 1/1 (年末年始)
  EXPECT_EQ(count_by_reason["第4金曜日"], 12);
  EXPECT_EQ(count_by_reason["年末年始"], 7);
}

TEST_F(LibraryCalendarTest, DescribesHolidayNamesAndHours) {  // L2
  const DayDescription sunday_holiday = DescribeDay(main_, holidays_, D(2026, 5, 3));
  EXPECT_TRUE(sunday_holiday.open);
  EXPECT_EQ(sunday_holiday.holiday_name, "憲法記念日");
  EXPECT_EQ(sunday_holiday.closes, "17:00");

  const DayDescription equinox = DescribeDay(main_, holidays_, D(2026, 3, 20));
  EXPECT_FALSE(equinox.open);
  EXPECT_EQ(equinox.reason, "祝日");
  EXPECT_EQ(equinox.holiday_name, "春分の日");

  const shiori::v1::CalendarDay p = ToProto(equinox);
  EXPECT_EQ(p.date().year(), 2026);
  EXPECT_EQ(p.date().month(), 3);
  EXPECT_EQ(p.date().day(), 20);
  EXPECT_FALSE(p.open());
  EXPECT_EQ(p.reason(), "祝日");
  EXPECT_EQ(p.holiday_name(), "春分の日");
}

TEST_F(LibraryCalendarTest, NextOpenDay) {  // L2
  EXPECT_EQ(*NextOpenDay(main_, holidays_, D(2026, 6, 2)), D(2026, 6, 2));   // open: the day itself
  EXPECT_EQ(*NextOpenDay(main_, holidays_, D(2026, 6, 1)), D(2026, 6, 2));   // Monday
  EXPECT_EQ(*NextOpenDay(main_, holidays_, D(2026, 12, 28)), D(2027, 1, 5));  // Monday, 年末年始, Monday
  EXPECT_EQ(AddDays(D(2026, 12, 20), 14), D(2027, 1, 3));
  EXPECT_EQ(AddDays(D(2026, 3, 1), -1), D(2026, 2, 28));
}

struct DeadlineCase {
  const char* rule;
  const char* what;
  absl::CivilDay start;
  int days;
  absl::CivilDay expected;
};

TEST_F(LibraryCalendarTest, DeadlinesMoveToTheNextOpenDay) {
  const DeadlineCase cases[] = {
      {"B3", "lands on an open day", D(2026, 6, 2), 21, D(2026, 6, 23)},
      {"B3", "lands on a Monday", D(2026, 5, 26), 13, D(2026, 6, 9)},
      {"B3", "lands on a holiday Monday (海の日)", D(2026, 6, 30), 20, D(2026, 7, 21)},
      {"B3", "holiday Monday, then 国民の休日 and 秋分の日", D(2026, 9, 13), 8, D(2026, 9, 24)},
      {"R11", "みどりの日 Monday, こどもの日, 振替休日", D(2026, 4, 28), 6, D(2026, 5, 7)},
      {"R11", "lands on the 4th Friday", D(2026, 1, 16), 7, D(2026, 1, 24)},
      {"R11", "a Sunday holiday is open", D(2026, 4, 26), 7, D(2026, 5, 3)},
      {"B2", "renewal across New Year", D(2026, 12, 8), 21, D(2027, 1, 5)},
      {"B3", "loan across New Year", D(2026, 12, 13), 21, D(2027, 1, 5)},
      {"R11", "zero days on an open day", D(2026, 6, 2), 0, D(2026, 6, 2)},
  };
  for (const DeadlineCase& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.rule, ": ", c.what));
    absl::StatusOr<absl::CivilDay> deadline = DeadlineAfter(main_, holidays_, c.start, c.days);
    ASSERT_TRUE(deadline.ok()) << deadline.status();
    EXPECT_EQ(*deadline, c.expected);
  }
}

TEST_F(LibraryCalendarTest, OneOffClosureMovesADeadline) {  // R11, L2
  // A hold secured on Tue 2026-02-03 is due Tue 2/10; staff later close the library for 蔵書点検 2/9–2/13.
  ASSERT_EQ(*DeadlineAfter(main_, holidays_, D(2026, 2, 3), 7), D(2026, 2, 10));
  shiori::v1::LibraryCalendar proto = DefaultProto("main");
  *proto.add_closures() = Parse(R"pb(
    closures { start_date { year: 2026 month: 2 day: 9 } end_date { year: 2026 month: 2 day: 13 } reason: "蔵書点検" }
  )pb").closures(0);
  const LibraryCalendar with_closure = Build(proto);
  EXPECT_EQ(*DeadlineAfter(with_closure, holidays_, D(2026, 2, 3), 7), D(2026, 2, 14));
  // A deadline stored before the closure moves again by asking for the next open day from it (R11, B3).
  EXPECT_EQ(*NextOpenDay(with_closure, holidays_, D(2026, 2, 10)), D(2026, 2, 14));
  // The most specific reason wins: 2/11 is a holiday inside the closure.
  EXPECT_EQ(DescribeDay(with_closure, holidays_, D(2026, 2, 11)).reason, "蔵書点検");
  EXPECT_EQ(DescribeDay(with_closure, holidays_, D(2026, 2, 11)).holiday_name, "建国記念の日");
  EXPECT_EQ(DescribeDay(with_closure, holidays_, D(2026, 2, 10)).reason, "蔵書点検");
}

TEST_F(LibraryCalendarTest, ExceptionalOpeningWinsOverEveryRule) {  // L2
  shiori::v1::LibraryCalendar proto = DefaultProto("main");
  const auto extra = Parse(R"pb(
    closures { start_date { year: 2026 month: 5 day: 1 } end_date { year: 2026 month: 5 day: 10 } reason: "蔵書点検" }
    openings { start_date { year: 2026 month: 5 day: 4 } reason: "臨時開館" }
    openings { start_date { year: 2026 month: 12 day: 29 } end_date { year: 2026 month: 12 day: 30 } reason: "臨時開館" }
  )pb");
  proto.MergeFrom(extra);
  const LibraryCalendar c = Build(proto);
  const DayDescription may4 = DescribeDay(c, holidays_, D(2026, 5, 4));  // Monday, holiday, closure
  EXPECT_TRUE(may4.open);
  EXPECT_TRUE(may4.exceptional_opening);
  EXPECT_EQ(may4.reason, "臨時開館");
  EXPECT_EQ(may4.holiday_name, "みどりの日");
  EXPECT_EQ(may4.opens, "10:00");
  EXPECT_EQ(may4.closes, "18:00");
  EXPECT_FALSE(IsOpen(c, holidays_, D(2026, 5, 5)));
  EXPECT_EQ(*DeadlineAfter(c, holidays_, D(2026, 4, 27), 7), D(2026, 5, 4));     // R11
  EXPECT_EQ(*DeadlineAfter(c, holidays_, D(2026, 4, 28), 7), D(2026, 5, 12));  // R11: closure to 5/10, 5/11 Monday
  EXPECT_TRUE(IsOpen(c, holidays_, D(2026, 12, 30)));
  EXPECT_FALSE(IsOpen(c, holidays_, D(2026, 12, 31)));
}

TEST_F(LibraryCalendarTest, MonthlyClosureVariants) {  // L2
  const LibraryCalendar c = Build(Parse(R"pb(
    library_id: "branch"
    monthly_closures { week: -1 weekday: WEEKDAY_WEDNESDAY }
    monthly_closures { week: 1 weekday: WEEKDAY_SUNDAY reason: "館内整理日" }
    national_holidays { closed: true }
  )pb"));
  EXPECT_EQ(DescribeDay(c, holidays_, D(2026, 9, 30)).reason, "最終水曜日");
  EXPECT_TRUE(IsOpen(c, holidays_, D(2026, 9, 24)));
  EXPECT_EQ(DescribeDay(c, holidays_, D(2026, 9, 6)).reason, "館内整理日");
  // Without open_on_sunday a Sunday holiday closes too.
  EXPECT_EQ(DescribeDay(c, holidays_, D(2026, 5, 3)).reason, "祝日");
  EXPECT_TRUE(IsOpen(c, holidays_, D(2026, 6, 1)));  // no weekly closed day
}

TEST_F(LibraryCalendarTest, ClosedForeverFailsAfterABoundedSearch) {  // L2
  const LibraryCalendar every_weekday = Build(Parse(R"pb(
    library_id: "main"
    closed_weekdays: [WEEKDAY_MONDAY, WEEKDAY_TUESDAY, WEEKDAY_WEDNESDAY, WEEKDAY_THURSDAY,
                      WEEKDAY_FRIDAY, WEEKDAY_SATURDAY, WEEKDAY_SUNDAY]
  )pb"));
  const LibraryCalendar all_year = Build(Parse(R"pb(
    library_id: "branch"
    yearly_closures { start { month: 1 day: 1 } end { month: 12 day: 31 } reason: "改修工事" }
    openings { start_date { year: 2028 month: 4 day: 1 } reason: "再開館" }
  )pb"));
  for (const LibraryCalendar* c : {&every_weekday, &all_year}) {
    SCOPED_TRACE(c->library_id());
    absl::StatusOr<absl::CivilDay> next = NextOpenDay(*c, holidays_, D(2026, 6, 1));
    ASSERT_FALSE(next.ok());
    EXPECT_EQ(next.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(next.status()), "CALENDAR_NO_OPEN_DAY");
    EXPECT_EQ(MetadataOf(next.status(), "max_search_days"), "366");
    EXPECT_EQ(MetadataOf(next.status(), "from"), "2026-06-01");
    absl::StatusOr<absl::CivilDay> deadline = DeadlineAfter(*c, holidays_, D(2026, 6, 1), 7);
    EXPECT_EQ(ReasonOf(deadline.status()), "CALENDAR_NO_OPEN_DAY");
  }
  // A longer search finds the reopening; a shorter one gives up sooner.
  EXPECT_EQ(*NextOpenDay(all_year, holidays_, D(2026, 6, 1), 800), D(2028, 4, 1));
  EXPECT_EQ(MetadataOf(NextOpenDay(main_, holidays_, D(2026, 12, 29), 3).status(), "max_search_days"), "3");
  EXPECT_EQ(NextOpenDay(main_, holidays_, D(2026, 6, 1), 0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DeadlineAfter(main_, holidays_, D(2026, 6, 1), -1).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(LibraryCalendarValidationTest, BadMessagesNameTheField) {  // L2
  struct Row {
    const char* text;
    const char* field;
  };
  const Row rows[] = {
      {R"pb(closed_weekdays: [WEEKDAY_MONDAY])pb", "library_id"},
      {R"pb(library_id: "main" closed_weekdays: [WEEKDAY_MONDAY, WEEKDAY_UNSPECIFIED])pb", "closed_weekdays[1]"},
      {R"pb(library_id: "main" monthly_closures { week: 6 weekday: WEEKDAY_FRIDAY })pb", "monthly_closures[0].week"},
      {R"pb(library_id: "main" monthly_closures { week: 4 })pb", "monthly_closures[0].weekday"},
      {R"pb(library_id: "main" yearly_closures { start { month: 13 day: 1 } end { month: 1 day: 4 } reason: "x" })pb",
       "yearly_closures[0].start"},
      {R"pb(library_id: "main" yearly_closures { start { month: 12 day: 29 } end { month: 2 day: 30 } reason: "x" })pb",
       "yearly_closures[0].end"},
      {R"pb(library_id: "main"
            yearly_closures { start { year: 2026 month: 12 day: 29 } end { month: 1 day: 4 } reason: "x" })pb",
       "yearly_closures[0].start"},
      {R"pb(library_id: "main" yearly_closures { start { month: 12 day: 29 } end { month: 1 day: 4 } })pb",
       "yearly_closures[0].reason"},
      {R"pb(library_id: "main" closures { reason: "蔵書点検" })pb", "closures[0].start_date"},
      {R"pb(library_id: "main"
            closures { start_date { year: 2026 month: 2 day: 9 }
                       end_date { year: 2026 month: 2 day: 8 } reason: "x" })pb",
       "closures[0].end_date"},
      {R"pb(library_id: "main" closures { start_date { year: 2026 month: 2 day: 9 } })pb", "closures[0].reason"},
      {R"pb(library_id: "main" openings { start_date { year: 2026 month: 2 day: 29 } reason: "x" })pb",
       "openings[0].start_date"},
      {R"pb(library_id: "main" hours { weekdays: [WEEKDAY_MONDAY] opens: "25:00" closes: "18:00" })pb",
       "hours[0].opens"},
      {R"pb(library_id: "main" hours { weekdays: [WEEKDAY_MONDAY] opens: "10:00" closes: "09:00" })pb",
       "hours[0].closes"},
      {R"pb(library_id: "main"
            hours { weekdays: [WEEKDAY_MONDAY, WEEKDAY_TUESDAY] opens: "10:00" closes: "18:00" }
            hours { weekdays: [WEEKDAY_TUESDAY] opens: "10:00" closes: "17:00" })pb",
       "hours[1].weekdays[0]"},
      {R"pb(library_id: "main" hours { weekdays: [WEEKDAY_MONDAY] opens: "10:00" closes: "18:00" })pb", "hours"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.text);
    absl::StatusOr<LibraryCalendar> c = LibraryCalendar::FromProto(Parse(r.text));
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ReasonOf(c.status()), "CALENDAR_INVALID");
    EXPECT_EQ(FieldOf(c.status()), r.field);
    EXPECT_THAT(c.status().message(), HasSubstr(r.field));
  }
}

TEST(LibraryCalendarValidationTest, ConfigErrorsNameTheCalendar) {  // L1
  shiori::v1::CalendarConfig config = LoadDefaultConfig();
  config.mutable_calendars(1)->mutable_hours(0)->set_opens("10時");
  EXPECT_EQ(FieldOf(CalendarsFromConfig(config).status()), "calendars[1].hours[0].opens");

  config = LoadDefaultConfig();
  config.mutable_calendars(1)->set_library_id("main");
  EXPECT_EQ(FieldOf(CalendarsFromConfig(config).status()), "calendars[1].library_id");
}

}  // namespace
}  // namespace shiori::policy
