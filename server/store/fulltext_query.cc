// See fulltext_query.h.
#include "server/store/fulltext_query.h"

namespace shiori::store {

std::string AllWordsQuery(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += "+\"";
    for (char c : w) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  return out;
}

}  // namespace shiori::store
