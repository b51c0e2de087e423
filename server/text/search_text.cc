// See search_text.h.
#include "server/text/search_text.h"

#include "absl/strings/ascii.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace shiori::text {
namespace {

// ICU hands out one immutable instance per process; looking it up costs a lock, so keep the pointer.
const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const normalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return normalizer;
}

// Characters that never decide a match: spaces, punctuation, controls and invisible format characters.
// '~' is dropped with them because NFKC turns the full-width tilde ～ into it, and Japanese titles use ～ and
// the wave dash 〜 (a dash, already dropped) interchangeably.
bool IsIgnorable(UChar32 c) {
  if (c == '~') return true;
  switch (u_charType(c)) {
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_CONNECTOR_PUNCTUATION:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
      return true;
    default:
      return false;
  }
}

// Katakana → hiragana by code point: ァ (U+30A1) … ヶ (U+30F6) sit exactly 0x60 above ぁ … ゖ, and the
// iteration marks ヽヾ above ゝゞ. ヷヸヹヺ have no precomposed hiragana and stay as they are; so does ー.
UChar32 ToHiragana(UChar32 c) {
  if ((c >= 0x30A1 && c <= 0x30F6) || c == 0x30FD || c == 0x30FE) return c - 0x60;
  return c;
}

void AppendUtf8(UChar32 c, std::string& out) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buf, len);
}

// ASCII needs no Unicode tables: NFKC leaves it alone, so only case and ignorable characters matter.
bool IsAscii(absl::string_view s) {
  for (char ch : s) {
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  }
  return true;
}

std::string NormalizeAscii(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    if (IsIgnorable(static_cast<unsigned char>(ch))) continue;
    out.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
  }
  return out;
}

// Ill-formed UTF-8 (a truncated record, a Latin-1 byte) is dropped here, so ICU only sees valid text.
std::string WellFormed(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c >= 0) out.append(s.data() + start, i - start);
  }
  return out;
}

}  // namespace

std::string NormalizeForSearch(absl::string_view utf8) {
  if (IsAscii(utf8)) return NormalizeAscii(utf8);

  const std::string input = WellFormed(utf8);
  std::string folded;
  const icu::Normalizer2* normalizer = NfkcCasefold();
  UErrorCode status = U_ZERO_ERROR;
  if (normalizer != nullptr) {
    folded.reserve(input.size());
    icu::StringByteSink<std::string> sink(&folded);
    normalizer->normalizeUTF8(0, icu::StringPiece(input.data(), static_cast<int32_t>(input.size())), sink,
                              nullptr, status);
  }
  if (normalizer == nullptr || U_FAILURE(status)) folded = input;  // still fold kana and drop punctuation

  std::string out;
  out.reserve(folded.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(folded.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(folded.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0 || IsIgnorable(c)) continue;
    AppendUtf8(ToHiragana(c), out);
  }
  return out;
}

std::vector<std::string> SplitQueryWords(absl::string_view query) {
  // Turn every separator into one ASCII space first; U+3000 is three bytes, so StrSplit's ByAnyChar can't.
  std::string spaced;
  spaced.reserve(query.size());
  for (size_t i = 0; i < query.size(); ++i) {
    const char ch = query[i];
    if (query.substr(i, 3) == "\xE3\x80\x80") {  // U+3000 IDEOGRAPHIC SPACE
      spaced.push_back(' ');
      i += 2;
    } else if (ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f') {
      spaced.push_back(' ');
    } else {
      spaced.push_back(ch);
    }
  }
  return absl::StrSplit(spaced, ' ', absl::SkipEmpty());
}

std::string NormalizeFieldForSearch(absl::string_view field) {
  auto latin = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  std::string out;
  for (const std::string& word : SplitQueryWords(field)) {
    std::string n = NormalizeForSearch(word);
    if (n.empty()) continue;  // punctuation alone ("&")
    if (!out.empty() && latin(out.back()) && latin(n.front())) out.push_back(' ');
    out += n;
  }
  return out;
}

std::vector<std::string> QueryWordPieces(absl::string_view word) {
  std::string spaced(word);
  for (char& ch : spaced) {
    if (ch != '|' && ch > ' ' && ch < 0x7F && !absl::ascii_isalnum(static_cast<unsigned char>(ch))) ch = ' ';
  }
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(NormalizeFieldForSearch(spaced), ' ', absl::SkipEmpty())) {
    size_t start = 0;
    for (size_t i = 1; i <= part.size(); ++i) {
      const bool boundary = i == part.size() ||
                            (absl::ascii_isdigit(static_cast<unsigned char>(part[i - 1])) !=
                                 absl::ascii_isdigit(static_cast<unsigned char>(part[i])) &&
                             absl::ascii_isalnum(static_cast<unsigned char>(part[i - 1])) &&
                             absl::ascii_isalnum(static_cast<unsigned char>(part[i])));
      if (boundary) {
        out.emplace_back(part.substr(start, i - start));
        start = i;
      }
    }
  }
  return out;
}

std::string CanonicalSeriesTitle(absl::string_view series_title) {
  return absl::StrJoin(SplitQueryWords(series_title), " ");
}

}  // namespace shiori::text
