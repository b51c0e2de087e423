// The units of the catalogue's word index (rule C2): character bigrams of a record's normalised search text.
// The index (table record_gram) holds one row per distinct gram of a record; a query word's grams must all be
// there for the word to be in the text, and the search confirms each word in the text itself, so the index
// only has to never miss. One definition serves both sides, so what the index holds and what a query looks
// up cannot drift apart.
//
// A gram is two consecutive characters (code points) c1 c2, encoded as c1 << 32 | c2. The field separator
// '|' of search_text (app::SearchTextOf) is not indexed: a character before it (the last of a field) is
// indexed as c1 << 32 | 0, so every character of the text starts exactly one gram and a one-character word c
// is found through the range [c << 32, c << 32 | 0xFFFFFFFF].
#ifndef SHIORI_SERVER_STORE_WORD_GRAMS_H_
#define SHIORI_SERVER_STORE_WORD_GRAMS_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"

namespace shiori::store {

inline constexpr char kFieldSeparator = '|';

// The distinct grams of a record's search text, ascending.
std::vector<int64_t> IndexedGrams(absl::string_view search_text);

// The grams a record containing `word` must have (each once, in the word's order); empty when the word is
// one character, or when every pair in it touches the separator.
std::vector<int64_t> WordGrams(absl::string_view word);

// The grams starting with the word's first character: [first, last]. For one-character words.
struct GramRange {
  int64_t first = 0;
  int64_t last = 0;
};
GramRange LeadingCharacterGrams(absl::string_view word);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_WORD_GRAMS_H_
