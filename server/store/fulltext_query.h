// The text of a Mroonga MATCH … AGAINST (… IN BOOLEAN MODE) query that requires every word as a phrase.
#ifndef SHIORI_SERVER_STORE_FULLTEXT_QUERY_H_
#define SHIORI_SERVER_STORE_FULLTEXT_QUERY_H_

#include <string>
#include <vector>

namespace shiori::store {

// `+"w1" +"w2" …`: each word quoted, with `"` and `\` escaped by a backslash (Groonga query syntax), so that
// operators typed in a word (+ - * ( ) OR) are searched for as text. Words are bound as a parameter, never
// spliced into SQL.
std::string AllWordsQuery(const std::vector<std::string>& words);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_FULLTEXT_QUERY_H_
