// See word_grams.h.
#include "server/store/word_grams.h"

#include <unicode/utf8.h>

#include <algorithm>

namespace shiori::store {
namespace {

std::vector<UChar32> CodePoints(absl::string_view utf8) {
  std::vector<UChar32> out;
  out.reserve(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    out.push_back(c < 0 ? 0xFFFD : c);  // ill-formed bytes: the replacement character, as ICU reads them
  }
  return out;
}

int64_t Pair(UChar32 first, UChar32 second) {
  return (static_cast<int64_t>(first) << 32) | static_cast<int64_t>(second);
}

}  // namespace

std::vector<int64_t> IndexedGrams(absl::string_view search_text) {
  const std::vector<UChar32> cps = CodePoints(search_text);
  std::vector<int64_t> out;
  out.reserve(2 * cps.size());
  auto separator = [](UChar32 c) { return c == kFieldSeparator || c == kWordSeparator; };
  for (size_t i = 0; i < cps.size(); ++i) {
    if (separator(cps[i])) continue;
    out.push_back(cps[i]);
    if (i + 1 < cps.size() && !separator(cps[i + 1])) out.push_back(Pair(cps[i], cps[i + 1]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<int64_t> WordGrams(absl::string_view word) {
  const std::vector<UChar32> cps = CodePoints(word);
  std::vector<int64_t> out;
  if (cps.size() == 1) {
    if (cps[0] != kFieldSeparator) out.push_back(cps[0]);
    return out;
  }
  for (size_t i = 0; i + 1 < cps.size(); ++i) {
    if (cps[i] == kFieldSeparator || cps[i + 1] == kFieldSeparator) continue;
    const int64_t g = Pair(cps[i], cps[i + 1]);
    if (std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
  }
  return out;
}

}  // namespace shiori::store
