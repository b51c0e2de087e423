// Import of the government's holiday CSV (rule L2) in UTF-8, UTF-8 with BOM and Shift_JIS, and its errors.
#include "server/policy/holiday_csv.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/error.h"

namespace shiori::policy {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;

// A few rows as the Cabinet Office publishes them (CRLF line ends, 休日 for substitute days).
constexpr absl::string_view kCsvUtf8 =
    "国民の祝日・休日月日,国民の祝日・休日名称\r\n"
    "2026/1/1,元日\r\n"
    "2026/1/12,成人の日\r\n"
    "2026/5/6,休日\r\n"
    "2026/9/22,休日\r\n"
    "2027/3/22,休日\r\n";

// UTF-8 text encoded into Windows-31J with ICU, the way the government's file is written.
std::string ToShiftJis(absl::string_view utf8) {
  UErrorCode err = U_ZERO_ERROR;
  std::u16string utf16(utf8.size(), u'\0');
  int32_t len16 = 0;
  u_strFromUTF8(utf16.data(), static_cast<int32_t>(utf16.size()), &len16, utf8.data(),
                static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open("windows-31j", &err), ucnv_close);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_fromUChars(conv.get(), out.data(), static_cast<int32_t>(out.size()), utf16.data(), len16,
                                    &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<size_t>(n));
  return out;
}

TEST(HolidayCsvTest, ReadsEveryEncoding) {  // L2
  const std::string sjis = ToShiftJis(kCsvUtf8);
  ASSERT_NE(sjis, std::string(kCsvUtf8));  // really re-encoded
  struct Row {
    const char* label;
    std::string bytes;
    HolidayCsvEncoding encoding;
  };
  const Row rows[] = {
      {"utf-8", std::string(kCsvUtf8), HolidayCsvEncoding::kUtf8},
      {"utf-8 bom", "\xEF\xBB\xBF" + std::string(kCsvUtf8), HolidayCsvEncoding::kUtf8WithBom},
      {"shift_jis", sjis, HolidayCsvEncoding::kShiftJis},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.label);
    EXPECT_EQ(DetectHolidayCsvEncoding(r.bytes), r.encoding);
    absl::StatusOr<std::vector<NationalHoliday>> parsed = ParseHolidayCsv(r.bytes);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    const std::vector<NationalHoliday> expected = {
        {absl::CivilDay(2026, 1, 1), "元日"},  {absl::CivilDay(2026, 1, 12), "成人の日"},
        {absl::CivilDay(2026, 5, 6), "休日"},  {absl::CivilDay(2026, 9, 22), "休日"},
        {absl::CivilDay(2027, 3, 22), "休日"},
    };
    EXPECT_EQ(*parsed, expected);
  }
}

TEST(HolidayCsvTest, ImportedRowsFeedTheHolidayCalendar) {  // L2
  absl::StatusOr<std::vector<NationalHoliday>> parsed = ParseHolidayCsv(ToShiftJis(kCsvUtf8));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const HolidayCalendar holidays(*parsed);
  EXPECT_THAT(holidays.HolidayName(absl::CivilDay(2026, 5, 6)), Optional(std::string("休日")));
  EXPECT_FALSE(holidays.IsHoliday(absl::CivilDay(2026, 2, 11)));  // not in the (short) table for 2026
  EXPECT_TRUE(holidays.IsHoliday(absl::CivilDay(2028, 1, 1)));    // 2028 is not covered: computed
}

TEST(HolidayCsvTest, AcceptsLfDashesQuotesAndNoHeader) {  // L2
  absl::StatusOr<std::vector<NationalHoliday>> parsed =
      ParseHolidayCsv("2026-02-11,\"建国記念の日\"\n\n2026/2/23, 天皇誕生日 \n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].day, absl::CivilDay(2026, 2, 11));
  EXPECT_EQ((*parsed)[0].name, "建国記念の日");
  EXPECT_EQ((*parsed)[1].name, "天皇誕生日");
}

TEST(HolidayCsvTest, BadRowsNameTheirLine) {  // L2
  struct Row {
    const char* csv;
    int line;
    const char* english;
  };
  // The name column holds 64 characters: 65 would be a database error, not the file's line.
  std::string long_name = "2026/1/1,元日\n2026/1/12,";
  for (int i = 0; i < 65; ++i) long_name += "あ";
  long_name += "\n";
  const Row rows[] = {
      {long_name.c_str(), 2, "holiday name longer than 64 characters"},
      {"2026/1/1,元\x1b日\n", 1, "control character"},
      {"2026/1/1,元日\n2026/1/12,\u3000\n", 2, "empty holiday name"},  // only an ideographic space
      {"国民の祝日・休日月日,国民の祝日・休日名称\n2026/1/1,元日\n2026/13/1,嘘の日\n", 3, "not a date"},
      {"国民の祝日・休日月日,国民の祝日・休日名称\n2026/2/30,嘘の日\n", 2, "not a date"},
      {"国民の祝日・休日月日,国民の祝日・休日名称\r\n2026/1/1\r\n", 2, "expected 2 fields"},
      {"国民の祝日・休日月日,国民の祝日・休日名称\n2026/1/1,元日,余分\n", 2, "expected 2 fields"},
      {"国民の祝日・休日月日,国民の祝日・休日名称\n2026/1/1,\n", 2, "empty holiday name"},
      {"2026/1/1,元日\n2026/1/12,成人の日\n2026/1/1,元日\n", 3, "day given twice"},
      {"国民の祝日・休日月日,国民の祝日・休日名称\n\n\n元日,2026/1/1\n", 4, "not a date"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.csv);
    absl::StatusOr<std::vector<NationalHoliday>> parsed = ParseHolidayCsv(r.csv);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ReasonOf(parsed.status()), "HOLIDAY_CSV_INVALID");
    EXPECT_EQ(MetadataOf(parsed.status(), "line"), std::to_string(r.line));
    EXPECT_EQ(MetadataOf(parsed.status(), "rule"), "L2");
    EXPECT_THAT(parsed.status().message(), HasSubstr(r.english));
  }
}

TEST(HolidayCsvTest, RefusesEmptyAndUndecodableFiles) {  // L2
  EXPECT_EQ(ReasonOf(ParseHolidayCsv("国民の祝日・休日月日,国民の祝日・休日名称\r\n").status()), "HOLIDAY_CSV_EMPTY");
  EXPECT_EQ(ReasonOf(ParseHolidayCsv("").status()), "HOLIDAY_CSV_EMPTY");
  // 0x85 0x40 is an unassigned Windows-31J code, and not UTF-8 either.
  EXPECT_EQ(ReasonOf(ParseHolidayCsv("2026/1/1,\x85\x40\r\n").status()), "HOLIDAY_CSV_ENCODING");
  // A BOM promises UTF-8.
  EXPECT_EQ(ReasonOf(ParseHolidayCsv("\xEF\xBB\xBF" "2026/1/1,\x8C\xB3\r\n").status()), "HOLIDAY_CSV_ENCODING");
}

}  // namespace
}  // namespace shiori::policy
