// Japanese national holidays (rule L2) against the official lists of the Cabinet Office for whole years, and
// single days that check the history of the law.
#include "server/policy/japanese_holidays.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shiori::policy {
namespace {

using ::testing::ElementsAreArray;
using ::testing::Optional;

struct YearCase {
  int year;
  std::vector<std::pair<absl::CivilDay, std::string>> holidays;  // the official list, with our names
};

std::vector<std::pair<absl::CivilDay, std::string>> AsPairs(const std::vector<NationalHoliday>& hs) {
  std::vector<std::pair<absl::CivilDay, std::string>> out;
  for (const auto& h : hs) out.emplace_back(h.day, h.name);
  return out;
}

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

const std::vector<YearCase>& OfficialYears() {
  static const auto* cases = new std::vector<YearCase>{
      // L2: 2019, the enthronement year: 4/30 and 5/2 are 国民の休日 between holidays, no 天皇誕生日.
      {2019,
       {{D(2019, 1, 1), "元日"},         {D(2019, 1, 14), "成人の日"},     {D(2019, 2, 11), "建国記念の日"},
        {D(2019, 3, 21), "春分の日"},     {D(2019, 4, 29), "昭和の日"},     {D(2019, 4, 30), "国民の休日"},
        {D(2019, 5, 1), "天皇の即位の日"}, {D(2019, 5, 2), "国民の休日"},    {D(2019, 5, 3), "憲法記念日"},
        {D(2019, 5, 4), "みどりの日"},    {D(2019, 5, 5), "こどもの日"},    {D(2019, 5, 6), "振替休日"},
        {D(2019, 7, 15), "海の日"},       {D(2019, 8, 11), "山の日"},       {D(2019, 8, 12), "振替休日"},
        {D(2019, 9, 16), "敬老の日"},     {D(2019, 9, 23), "秋分の日"},     {D(2019, 10, 14), "体育の日"},
        {D(2019, 10, 22), "即位礼正殿の儀"}, {D(2019, 11, 3), "文化の日"},  {D(2019, 11, 4), "振替休日"},
        {D(2019, 11, 23), "勤労感謝の日"}}},
      // L2: 2020: 天皇誕生日 on 2/23, スポーツの日 renamed, Olympic moves 7/23, 7/24, 8/10.
      {2020,
       {{D(2020, 1, 1), "元日"},       {D(2020, 1, 13), "成人の日"},    {D(2020, 2, 11), "建国記念の日"},
        {D(2020, 2, 23), "天皇誕生日"}, {D(2020, 2, 24), "振替休日"},    {D(2020, 3, 20), "春分の日"},
        {D(2020, 4, 29), "昭和の日"},   {D(2020, 5, 3), "憲法記念日"},   {D(2020, 5, 4), "みどりの日"},
        {D(2020, 5, 5), "こどもの日"},  {D(2020, 5, 6), "振替休日"},     {D(2020, 7, 23), "海の日"},
        {D(2020, 7, 24), "スポーツの日"}, {D(2020, 8, 10), "山の日"},    {D(2020, 9, 21), "敬老の日"},
        {D(2020, 9, 22), "秋分の日"},   {D(2020, 11, 3), "文化の日"},    {D(2020, 11, 23), "勤労感謝の日"}}},
      // L2: 2021: Olympic moves 7/22, 7/23, 8/8 (a Sunday, so 8/9 振替休日).
      {2021,
       {{D(2021, 1, 1), "元日"},       {D(2021, 1, 11), "成人の日"},    {D(2021, 2, 11), "建国記念の日"},
        {D(2021, 2, 23), "天皇誕生日"}, {D(2021, 3, 20), "春分の日"},    {D(2021, 4, 29), "昭和の日"},
        {D(2021, 5, 3), "憲法記念日"},  {D(2021, 5, 4), "みどりの日"},   {D(2021, 5, 5), "こどもの日"},
        {D(2021, 7, 22), "海の日"},     {D(2021, 7, 23), "スポーツの日"}, {D(2021, 8, 8), "山の日"},
        {D(2021, 8, 9), "振替休日"},    {D(2021, 9, 20), "敬老の日"},    {D(2021, 9, 23), "秋分の日"},
        {D(2021, 11, 3), "文化の日"},   {D(2021, 11, 23), "勤労感謝の日"}}},
      // L2: 2026: 5/3 on a Sunday gives 5/6 振替休日; 9/22 国民の休日 between 敬老の日 and 秋分の日.
      {2026,
       {{D(2026, 1, 1), "元日"},       {D(2026, 1, 12), "成人の日"},    {D(2026, 2, 11), "建国記念の日"},
        {D(2026, 2, 23), "天皇誕生日"}, {D(2026, 3, 20), "春分の日"},    {D(2026, 4, 29), "昭和の日"},
        {D(2026, 5, 3), "憲法記念日"},  {D(2026, 5, 4), "みどりの日"},   {D(2026, 5, 5), "こどもの日"},
        {D(2026, 5, 6), "振替休日"},    {D(2026, 7, 20), "海の日"},      {D(2026, 8, 11), "山の日"},
        {D(2026, 9, 21), "敬老の日"},   {D(2026, 9, 22), "国民の休日"},  {D(2026, 9, 23), "秋分の日"},
        {D(2026, 10, 12), "スポーツの日"}, {D(2026, 11, 3), "文化の日"}, {D(2026, 11, 23), "勤労感謝の日"}}},
      // L2: 2027: 春分の日 on Sunday 3/21 gives 3/22 振替休日.
      {2027,
       {{D(2027, 1, 1), "元日"},       {D(2027, 1, 11), "成人の日"},    {D(2027, 2, 11), "建国記念の日"},
        {D(2027, 2, 23), "天皇誕生日"}, {D(2027, 3, 21), "春分の日"},    {D(2027, 3, 22), "振替休日"},
        {D(2027, 4, 29), "昭和の日"},   {D(2027, 5, 3), "憲法記念日"},   {D(2027, 5, 4), "みどりの日"},
        {D(2027, 5, 5), "こどもの日"},  {D(2027, 7, 19), "海の日"},      {D(2027, 8, 11), "山の日"},
        {D(2027, 9, 20), "敬老の日"},   {D(2027, 9, 23), "秋分の日"},    {D(2027, 10, 11), "スポーツの日"},
        {D(2027, 11, 3), "文化の日"},   {D(2027, 11, 23), "勤労感謝の日"}}},
  };
  return *cases;
}

TEST(JapaneseHolidaysTest, WholeYearsMatchTheOfficialLists) {  // L2
  for (const YearCase& c : OfficialYears()) {
    SCOPED_TRACE(c.year);
    EXPECT_THAT(AsPairs(ComputeHolidays(c.year)), ElementsAreArray(c.holidays));
    EXPECT_THAT(AsPairs(HolidayCalendar().HolidaysIn(c.year)), ElementsAreArray(c.holidays));
  }
}

TEST(JapaneseHolidaysTest, EquinoxDays) {  // L2: the days announced in the official gazette (官報) for these years
  struct Row {
    int year, vernal, autumnal;
  };
  const Row rows[] = {{1980, 20, 23}, {1990, 21, 23}, {2000, 20, 23}, {2012, 20, 22}, {2016, 20, 22},
                      {2023, 21, 23}, {2024, 20, 22}, {2025, 20, 23}, {2026, 20, 23}, {2027, 21, 23}};
  for (const Row& r : rows) {
    SCOPED_TRACE(r.year);
    EXPECT_EQ(VernalEquinoxDay(r.year), r.vernal);
    EXPECT_EQ(AutumnalEquinoxDay(r.year), r.autumnal);
  }
}

TEST(JapaneseHolidaysTest, HistoryOfTheLaw) {  // L2
  struct Row {
    absl::CivilDay day;
    const char* name;  // nullptr: not a holiday
  };
  const Row rows[] = {
      {D(1988, 4, 29), "天皇誕生日"},
      {D(1988, 5, 4), "国民の休日"},       // the first 国民の休日 on a weekday
      {D(1989, 2, 24), "昭和天皇の大喪の礼"},
      {D(1989, 4, 29), "みどりの日"},
      {D(1989, 12, 23), "天皇誕生日"},
      {D(1990, 11, 12), "即位礼正殿の儀"},
      {D(1992, 5, 4), "振替休日"},         // 5/3 on a Sunday before 2007: the Monday
      {D(1993, 6, 9), "皇太子徳仁親王の結婚の儀"},
      {D(1995, 7, 20), nullptr},           // 海の日 starts in 1996
      {D(1996, 7, 20), "海の日"},
      {D(1999, 1, 15), "成人の日"},
      {D(1999, 10, 10), "体育の日"},
      {D(2000, 1, 10), "成人の日"},        // Happy Monday from 2000
      {D(2002, 9, 15), "敬老の日"},
      {D(2003, 9, 15), "敬老の日"},        // 3rd Monday from 2003
      {D(2003, 7, 21), "海の日"},
      {D(2006, 5, 4), "国民の休日"},
      {D(2007, 5, 4), "みどりの日"},
      {D(2008, 5, 6), "振替休日"},         // 5/4 on a Sunday: the next day that is not a holiday
      {D(2009, 9, 22), "国民の休日"},
      {D(2015, 8, 11), nullptr},           // 山の日 starts in 2016
      {D(2016, 8, 11), "山の日"},
      {D(2018, 12, 23), "天皇誕生日"},
      {D(2018, 12, 24), "振替休日"},
      {D(2019, 12, 23), nullptr},
      {D(2020, 10, 12), nullptr},          // スポーツの日 moved to 7/24
      {D(2022, 10, 10), "スポーツの日"},
      {D(2032, 9, 21), "国民の休日"},
      {D(2100, 1, 1), nullptr},            // beyond the computed years
  };
  const HolidayCalendar holidays;
  for (const Row& r : rows) {
    SCOPED_TRACE(absl::FormatCivilTime(r.day));
    if (r.name == nullptr) {
      EXPECT_EQ(holidays.HolidayName(r.day), std::nullopt);
      EXPECT_FALSE(holidays.IsHoliday(r.day));
    } else {
      EXPECT_THAT(holidays.HolidayName(r.day), Optional(std::string(r.name)));
      EXPECT_TRUE(holidays.IsHoliday(r.day));
    }
  }
}

TEST(JapaneseHolidaysTest, EveryComputedYearIsSane) {  // L2
  const HolidayCalendar holidays;
  for (int y = kFirstComputedHolidayYear; y <= kLastComputedHolidayYear; ++y) {
    SCOPED_TRACE(y);
    const std::vector<NationalHoliday> hs = ComputeHolidays(y);
    EXPECT_GE(hs.size(), 12u);
    EXPECT_LE(hs.size(), 22u);
    for (size_t i = 1; i < hs.size(); ++i) EXPECT_LT(hs[i - 1].day, hs[i].day);
    for (const auto& h : hs) {
      EXPECT_EQ(h.day.year(), y);
      // Since 1973 a holiday on a Sunday always has its rest day after it.
      if (absl::GetWeekday(h.day) == absl::Weekday::sunday) {
        EXPECT_TRUE(holidays.IsHoliday(h.day + 1)) << h.name;
      }
    }
  }
}

TEST(JapaneseHolidaysTest, ImportedTableWinsForTheYearsItCovers) {  // L2
  const HolidayCalendar holidays({{D(2026, 1, 1), "元日"}, {D(2026, 6, 1), "臨時の祝日"}});
  EXPECT_TRUE(holidays.IsImportedYear(2026));
  EXPECT_FALSE(holidays.IsImportedYear(2027));
  EXPECT_THAT(holidays.HolidayName(D(2026, 6, 1)), Optional(std::string("臨時の祝日")));
  EXPECT_FALSE(holidays.IsHoliday(D(2026, 1, 12)));  // computed, but 2026 comes from the table
  EXPECT_EQ(holidays.HolidaysIn(2026).size(), 2u);
  EXPECT_THAT(holidays.HolidayName(D(2027, 1, 11)), Optional(std::string("成人の日")));  // still computed
}

}  // namespace
}  // namespace shiori::policy
