// Import of the government's holiday table (内閣府「国民の祝日」CSV, syukujitsu.csv) for rule L2: the bytes as
// downloaded, in Shift_JIS (Windows-31J, as published) or UTF-8 with or without a BOM; the encoding is detected.
// The result feeds HolidayCalendar, where it wins for the years it covers. Pure: the caller reads the file.
#ifndef SHIORI_SERVER_POLICY_HOLIDAY_CSV_H_
#define SHIORI_SERVER_POLICY_HOLIDAY_CSV_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/policy/japanese_holidays.h"

namespace shiori::policy {

enum class HolidayCsvEncoding { kUtf8, kUtf8WithBom, kShiftJis };

// The encoding of `bytes`: a UTF-8 BOM, else UTF-8 if the bytes are valid UTF-8, else Shift_JIS.
HolidayCsvEncoding DetectHolidayCsvEncoding(absl::string_view bytes);

// `bytes` as UTF-8 text without a BOM. INVALID_ARGUMENT (HOLIDAY_CSV_ENCODING) if the bytes are neither UTF-8
// nor Shift_JIS.
absl::StatusOr<std::string> HolidayCsvToUtf8(absl::string_view bytes);

// Parses the CSV: an optional header line (`国民の祝日・休日月日,国民の祝日・休日名称`, or any first line that does
// not start with a date), then one `YYYY/M/D,名称` row per line (CRLF or LF; blank lines are skipped; the
// date may also be written YYYY-MM-DD). Returns the rows sorted by day.
// INVALID_ARGUMENT with reason HOLIDAY_CSV_INVALID and metadata `line` (1-based) for a row without two fields,
// a date that does not exist, an empty name, one longer than kMaxHolidayNameLength characters (the column's
// width) or with a control character, or a day given twice; HOLIDAY_CSV_ENCODING for undecodable bytes;
// HOLIDAY_CSV_EMPTY when there is no row at all.
inline constexpr size_t kMaxHolidayNameLength = 64;
absl::StatusOr<std::vector<NationalHoliday>> ParseHolidayCsv(absl::string_view bytes);

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_HOLIDAY_CSV_H_
