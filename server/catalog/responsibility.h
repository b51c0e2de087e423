// The statement of responsibility (責任表示, MARC 245$c) as JAPAN/MARC writes it — "中島誠之 著 ; 柳沢智子 編",
// "植村八潮, 野口武悟, 電子出版制作・流通協議会 編著" — split into names and the role word that follows them, so a
// person of a 7XX field, who has no role of their own, can be given the role printed on the book.
#ifndef SHIORI_SERVER_CATALOG_RESPONSIBILITY_H_
#define SHIORI_SERVER_CATALOG_RESPONSIBILITY_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace shiori::catalog {

struct ResponsibilityPart {
  std::vector<std::string> names;  // as printed: 植村八潮, Frank H.Netter
  std::string role;                // 著, 編著, 訳, 文, 絵 … ("[著]" loses its brackets)
};

// Splits at " ; " into parts; in each part the last space-separated word is the role and the rest a list of
// names separated by commas. A part without a space has no role and is dropped.
std::vector<ResponsibilityPart> ParseResponsibility(absl::string_view statement);

// A 1XX/7XX heading to look up in a statement.
struct ResponsibilityHeading {
  absl::string_view name = {};       // "萩野, 正昭", "Netter, Frank H.", "インプレス (2014年)"
  absl::string_view name_kana = {};  // its reading, "" when unknown: "いけがみしゅんいち" is printed for 池上, 俊一
  bool corporate = false;       // a body (X10, X11): the statement may name one of its units after it
};

// The role of `heading` in the parsed statement, comparing names in their search form (C2): the name in
// both orders (family-given and given-family, without a trailing "(qualifier)"), the reading, and for a
// body any printed name that starts with it ("日本図書館情報学会" in "日本図書館情報学会研究委員会 編").
// "" when the heading is not named.
std::string RoleInResponsibility(const std::vector<ResponsibilityPart>& parts,
                                 const ResponsibilityHeading& heading);

}  // namespace shiori::catalog

#endif  // SHIORI_SERVER_CATALOG_RESPONSIBILITY_H_
