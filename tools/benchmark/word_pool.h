// The vocabulary the benchmark's data set is made of: words, people, publishers and subjects taken from the
// real catalogue files (the Aozora Bunko list of works and the NDL JAPAN/MARC sample), so that generated titles
// read and search like Japanese library titles. Words keep their repeats, so picking one uniformly picks it as
// often as it occurs in real titles. Immutable once loaded; safe to share between threads.
#ifndef SHIORI_TOOLS_BENCHMARK_WORD_POOL_H_
#define SHIORI_TOOLS_BENCHMARK_WORD_POOL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shiori::bench {

// A family or given name with its katakana reading ("" when the source has none).
struct NamePart {
  std::string text;
  std::string kana;
};

struct WordPool {
  std::vector<std::string> title_words;  // runs of kanji, katakana or Latin letters/digits from real titles
  std::vector<NamePart> family_names;
  std::vector<NamePart> given_names;
  std::vector<std::string> publishers;
  std::vector<std::string> subjects;
  std::vector<std::string> ndc_classes;
};

// Reads aozora-works-2017.csv and ndl-jpmarc-2019-sample.mrc from data_dir. NOT_FOUND or INVALID_ARGUMENT
// from the readers; FAILED_PRECONDITION when the files yield too few words to build titles from.
absl::StatusOr<WordPool> LoadWordPool(const std::string& data_dir);

// The words of a title: maximal runs of kanji (with 々), of katakana (with ー) and of Latin letters and digits
// (either width), two to eight characters long. Hiragana (particles, okurigana) and punctuation separate words.
std::vector<std::string> SplitTitleWords(absl::string_view title);

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_WORD_POOL_H_
