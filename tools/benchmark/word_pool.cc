// See word_pool.h.
#include "tools/benchmark/word_pool.h"

#include <unicode/utf8.h>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/catalog/aozora_reader.h"
#include "server/catalog/marc_reader.h"
#include "server/common/error.h"

namespace shiori::bench {
namespace {

enum class Script { kOther, kKanji, kKatakana, kLatin };

Script ScriptOf(UChar32 c) {
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005) return Script::kKanji;
  if ((c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC) return Script::kKatakana;
  if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return Script::kLatin;
  if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
    return Script::kLatin;
  }
  return Script::kOther;
}

// "夏目 漱石", "萩野, 正昭", "ハギノ, マサアキ" → family and given; a name without a separator is all family.
std::pair<std::string, std::string> SplitName(absl::string_view name) {
  for (absl::string_view sep : {", ", ",", "\xE3\x80\x80", " "}) {  // U+3000 ideographic space
    size_t at = name.find(sep);
    if (at != absl::string_view::npos) {
      return {std::string(absl::StripAsciiWhitespace(name.substr(0, at))),
              std::string(absl::StripAsciiWhitespace(name.substr(at + sep.size())))};
    }
  }
  return {std::string(absl::StripAsciiWhitespace(name)), ""};
}

bool HasKanji(absl::string_view s) {
  int32_t i = 0;
  while (i < static_cast<int32_t>(s.size())) {
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    if (ScriptOf(c) == Script::kKanji) return true;
  }
  return false;
}

void AddPerson(WordPool& pool, absl::string_view name, absl::string_view kana) {
  // Japanese names only: a patron or author name is shown as 漢字 with a katakana reading.
  if (!HasKanji(name)) return;
  auto [family, given] = SplitName(name);
  auto [family_kana, given_kana] = SplitName(kana);
  if (family.empty() || given.empty()) return;
  pool.family_names.push_back({family, family_kana});
  pool.given_names.push_back({given, given_kana});
}

void AddPublisher(WordPool& pool, absl::string_view publisher) {
  // Aozora gives "岩波文庫、岩波書店": the imprint, then the house. Keep the house.
  std::vector<absl::string_view> parts = absl::StrSplit(publisher, "、", absl::SkipWhitespace());
  if (!parts.empty()) pool.publishers.emplace_back(absl::StripAsciiWhitespace(parts.back()));
}

}  // namespace

std::vector<std::string> SplitTitleWords(absl::string_view title) {
  std::vector<std::string> out;
  std::string word;
  int chars = 0;
  Script current = Script::kOther;
  auto flush = [&] {
    if (chars >= 2 && chars <= 8) out.push_back(word);
    word.clear();
    chars = 0;
  };
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(title.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(title.data(), i, n, c);
    Script s = c < 0 ? Script::kOther : ScriptOf(c);
    if (s != current) {
      flush();
      current = s;
    }
    if (s == Script::kOther) continue;
    word.append(title.data() + start, i - start);
    ++chars;
  }
  flush();
  return out;
}

absl::StatusOr<WordPool> LoadWordPool(const std::string& data_dir) {
  WordPool pool;
  auto aozora = catalog::ReadAozoraFile(data_dir + "/aozora-works-2017.csv");
  if (!aozora.ok()) return aozora.status();
  auto ndl = catalog::ReadMarcFile(data_dir + "/ndl-jpmarc-2019-sample.mrc", catalog::NdlMarcOptions());
  if (!ndl.ok()) return ndl.status();
  std::vector<const catalog::BibRecord*> all;
  for (const auto& r : *aozora) all.push_back(&r);
  for (const auto& r : ndl->records) all.push_back(&r);
  for (const catalog::BibRecord* r : all) {
    for (auto& w : SplitTitleWords(r->title)) pool.title_words.push_back(std::move(w));
    for (auto& w : SplitTitleWords(r->subtitle)) pool.title_words.push_back(std::move(w));
    for (const auto& c : r->contributors) AddPerson(pool, c.name, c.name_kana);
    if (!r->publisher.empty()) AddPublisher(pool, r->publisher);
    for (const auto& s : r->subjects) pool.subjects.push_back(s);
    if (!r->ndc.empty()) pool.ndc_classes.push_back(r->ndc);
  }
  if (pool.title_words.size() < 100 || pool.family_names.size() < 10 || pool.publishers.empty() ||
      pool.subjects.empty() || pool.ndc_classes.empty()) {
    return Error(absl::StatusCode::kFailedPrecondition, "BENCH_DATA_TOO_SMALL", "データが不足しています")
        .English("the catalogue files in " + data_dir + " give too few words for the benchmark's titles");
  }
  return pool;
}

}  // namespace shiori::bench
