// The units of the catalogue's word index (rule C2): the characters and the character pairs of a record's
// normalised search text. The index (table record_gram) holds one row per distinct gram of a record; a query
// word's grams must all be there for the word to be in the text, and the search confirms each word in the text
// itself, so the index only has to never miss. One definition serves both sides, so what the index holds and
// what a query looks up cannot drift apart.
//
// A character c (a code point) is the gram c; two consecutive characters c1 c2 are the gram c1 << 32 | c2,
// which is at least 1 << 32, so the two kinds never meet. The field separator '|' of search_text
// (store::SearchTextOf) and the space kept between two Latin words are not indexed, and no pair reaches
// across them: no query word holds either.
#ifndef SHIORI_SERVER_STORE_WORD_GRAMS_H_
#define SHIORI_SERVER_STORE_WORD_GRAMS_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"

namespace shiori::store {

inline constexpr char kFieldSeparator = '|';
inline constexpr char kWordSeparator = ' ';  // between two Latin words of a field (text::NormalizeFieldForSearch)

// The distinct grams of a record's search text, ascending.
std::vector<int64_t> IndexedGrams(absl::string_view search_text);

// The grams a record containing `word` must have, each once, in the word's order: its pairs, or for a word of
// one character that character. Empty for an empty word; a word with '|' in it has only the pairs without it.
std::vector<int64_t> WordGrams(absl::string_view word);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_WORD_GRAMS_H_
