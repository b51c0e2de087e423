// See holiday_csv.h.
#include "server/policy/holiday_csv.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/common/error.h"
#include "server/common/utf8_chars.h"

namespace shiori::policy {
namespace {

constexpr absl::string_view kBom = "\xEF\xBB\xBF";
// The government publishes the file in Windows-31J (Microsoft's Shift_JIS); it is a superset of JIS X 0208
// Shift_JIS, so plain Shift_JIS files decode too.
constexpr const char* kShiftJisConverter = "windows-31j";

bool IsValidUtf8(absl::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

absl::Status EncodingError(absl::string_view detail) {
  return Error(absl::StatusCode::kInvalidArgument, "HOLIDAY_CSV_ENCODING",
               "祝日CSVの文字コードを判別できません（Shift_JIS か UTF-8 で保存してください）")
      .Rule("L2")
      .English(absl::StrCat("the holiday CSV is neither UTF-8 nor Shift_JIS: ", detail));
}

absl::StatusOr<std::string> ShiftJisToUtf8(absl::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(kShiftJisConverter, &err), ucnv_close);
  if (U_FAILURE(err)) return EncodingError(absl::StrCat("no converter: ", u_errorName(err)));
  // Stop at the first byte sequence that is not Shift_JIS instead of writing a substitute character.
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  const int32_t src_len = static_cast<int32_t>(bytes.size());
  int32_t needed = ucnv_toUChars(conv.get(), nullptr, 0, bytes.data(), src_len, &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return EncodingError(u_errorName(err));
  err = U_ZERO_ERROR;
  std::u16string utf16(static_cast<size_t>(needed), u'\0');
  ucnv_toUChars(conv.get(), utf16.data(), needed, bytes.data(), src_len, &err);
  if (U_FAILURE(err)) return EncodingError(u_errorName(err));

  int32_t utf8_len = 0;
  u_strToUTF8(nullptr, 0, &utf8_len, utf16.data(), needed, &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return EncodingError(u_errorName(err));
  err = U_ZERO_ERROR;
  std::string utf8(static_cast<size_t>(utf8_len), '\0');
  u_strToUTF8(utf8.data(), utf8_len, nullptr, utf16.data(), needed, &err);
  if (U_FAILURE(err)) return EncodingError(u_errorName(err));
  return utf8;
}

absl::Status RowError(int line, absl::string_view what_ja, absl::string_view what_en) {
  return Error(absl::StatusCode::kInvalidArgument, "HOLIDAY_CSV_INVALID",
               absl::StrCat("祝日CSVの", line, "行目が読めません: ", what_ja))
      .Rule("L2")
      .Meta("line", absl::StrCat(line))
      .English(absl::StrCat("holiday CSV line ", line, ": ", what_en));
}

absl::string_view Unquote(absl::string_view field) {
  field = absl::StripAsciiWhitespace(field);
  if (field.size() >= 2 && field.front() == '"' && field.back() == '"') field = field.substr(1, field.size() - 2);
  return absl::StripAsciiWhitespace(field);
}

// `YYYY/M/D` or `YYYY-MM-DD`; nullopt unless the day exists.
std::optional<absl::CivilDay> ParseDay(absl::string_view text) {
  const char sep = text.find('/') != absl::string_view::npos ? '/' : '-';
  std::vector<absl::string_view> parts = absl::StrSplit(text, sep);
  int y = 0, m = 0, d = 0;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &y) || !absl::SimpleAtoi(parts[1], &m) ||
      !absl::SimpleAtoi(parts[2], &d) || y < 1 || y > 9999) {
    return std::nullopt;
  }
  const absl::CivilDay day(y, m, d);
  if (day.year() != y || day.month() != m || day.day() != d) return std::nullopt;  // 2/30 normalises away
  return day;
}

}  // namespace

HolidayCsvEncoding DetectHolidayCsvEncoding(absl::string_view bytes) {
  if (absl::StartsWith(bytes, kBom)) return HolidayCsvEncoding::kUtf8WithBom;
  return IsValidUtf8(bytes) ? HolidayCsvEncoding::kUtf8 : HolidayCsvEncoding::kShiftJis;
}

absl::StatusOr<std::string> HolidayCsvToUtf8(absl::string_view bytes) {
  switch (DetectHolidayCsvEncoding(bytes)) {
    case HolidayCsvEncoding::kUtf8WithBom: {
      absl::string_view rest = bytes.substr(kBom.size());
      if (!IsValidUtf8(rest)) return EncodingError("invalid UTF-8 after a UTF-8 BOM");
      return std::string(rest);
    }
    case HolidayCsvEncoding::kUtf8:
      return std::string(bytes);
    case HolidayCsvEncoding::kShiftJis:
      return ShiftJisToUtf8(bytes);
  }
  return EncodingError("unknown encoding");
}

absl::StatusOr<std::vector<NationalHoliday>> ParseHolidayCsv(absl::string_view bytes) {
  absl::StatusOr<std::string> text = HolidayCsvToUtf8(bytes);
  if (!text.ok()) return text.status();

  std::vector<NationalHoliday> rows;
  std::set<absl::CivilDay> seen;
  bool first_content_line = true;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(absl::string_view(*text), '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);  // also the \r of CRLF
    if (line.empty()) continue;
    const bool header_candidate = first_content_line && !absl::ascii_isdigit(line.front());
    first_content_line = false;
    if (header_candidate) continue;

    std::vector<absl::string_view> fields = absl::StrSplit(line, ',');
    if (fields.size() != 2) {
      return RowError(line_number, absl::StrCat("「月日,名称」の2項目ではありません（", fields.size(), "項目）"),
                      absl::StrCat("expected 2 fields (date,name), got ", fields.size()));
    }
    const absl::string_view date_text = Unquote(fields[0]);
    const absl::string_view name = Unquote(fields[1]);
    std::optional<absl::CivilDay> day = ParseDay(date_text);
    if (!day.has_value()) {
      return RowError(line_number, absl::StrCat("日付「", date_text, "」が正しくありません"),
                      absl::StrCat("not a date (YYYY/M/D): \"", date_text, "\""));
    }
    if (IsBlankText(name)) return RowError(line_number, "祝日の名称がありません", "empty holiday name");
    if (CharacterCount(name) > kMaxHolidayNameLength) {
      return RowError(line_number, absl::StrCat("祝日の名称が長すぎます（", kMaxHolidayNameLength, "文字まで）"),
                      absl::StrCat("holiday name longer than ", kMaxHolidayNameLength, " characters"));
    }
    if (HasControlCharacter(name)) {
      return RowError(line_number, "祝日の名称に制御文字があります", "control character in the holiday name");
    }
    if (!seen.insert(*day).second) {
      return RowError(line_number, absl::StrCat("日付「", date_text, "」が重複しています"),
                      absl::StrCat("day given twice: ", date_text));
    }
    rows.push_back({*day, std::string(name)});
  }
  if (rows.empty()) {
    return Error(absl::StatusCode::kInvalidArgument, "HOLIDAY_CSV_EMPTY", "祝日CSVに祝日の行がありません")
        .Rule("L2")
        .English("the holiday CSV has no rows");
  }
  std::sort(rows.begin(), rows.end(),
            [](const NationalHoliday& a, const NationalHoliday& b) { return a.day < b.day; });
  return rows;
}

}  // namespace shiori::policy
