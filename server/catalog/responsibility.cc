// See responsibility.h.
#include "server/catalog/responsibility.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/text/search_text.h"

namespace shiori::catalog {
namespace {

absl::string_view Trim(absl::string_view s) {
  s = absl::StripAsciiWhitespace(s);
  // ISBD ends the statement with a full stop; brackets mark a role the cataloguer supplied.
  while (absl::ConsumeSuffix(&s, ".")) s = absl::StripAsciiWhitespace(s);
  return s;
}

}  // namespace

std::vector<ResponsibilityPart> ParseResponsibility(absl::string_view statement) {
  std::vector<ResponsibilityPart> parts;
  for (absl::string_view piece : absl::StrSplit(statement, " ; ")) {
    piece = Trim(piece);
    const size_t space = piece.rfind(' ');
    if (space == absl::string_view::npos) continue;
    ResponsibilityPart part;
    absl::string_view role = Trim(piece.substr(space + 1));
    if (absl::ConsumePrefix(&role, "[")) absl::ConsumeSuffix(&role, "]");
    part.role = std::string(role);
    for (absl::string_view name : absl::StrSplit(piece.substr(0, space), ',')) {
      name = Trim(name);
      if (!name.empty()) part.names.emplace_back(name);
    }
    if (!part.role.empty() && !part.names.empty()) parts.push_back(std::move(part));
  }
  return parts;
}

std::string RoleInResponsibility(const std::vector<ResponsibilityPart>& parts,
                                 const ResponsibilityHeading& heading) {
  absl::string_view name = absl::StripAsciiWhitespace(heading.name);
  // "インプレス (2014年)": the qualifier tells headings apart and is never printed on the book.
  if (absl::EndsWith(name, ")")) {
    const size_t open = name.rfind(" (");
    if (open != absl::string_view::npos) name = name.substr(0, open);
  }
  std::vector<std::string> forms = {text::NormalizeForSearch(name)};
  const size_t comma = name.find(',');
  if (comma != absl::string_view::npos) {
    // "Netter, Frank H." is printed "Frank H.Netter" on a Japanese title page.
    forms.push_back(text::NormalizeForSearch(absl::StrCat(name.substr(comma + 1), name.substr(0, comma))));
  }
  const std::string kana = text::NormalizeForSearch(heading.name_kana);
  if (!kana.empty()) forms.push_back(kana);
  for (const auto& part : parts) {
    for (const auto& printed_name : part.names) {
      const std::string printed = text::NormalizeForSearch(printed_name);
      if (printed.empty()) continue;
      for (const auto& form : forms) {
        if (form.empty()) continue;
        if (form == printed || (heading.corporate && absl::StartsWith(printed, form))) return part.role;
      }
    }
  }
  return "";
}

}  // namespace shiori::catalog
