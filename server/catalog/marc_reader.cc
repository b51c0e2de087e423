// See marc_reader.h.
#include "server/catalog/marc_reader.h"

#include <map>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "server/catalog/file_contents.h"
#include "server/catalog/marc_fields.h"
#include "server/catalog/responsibility.h"

namespace shiori::catalog {
namespace {

using shiori::v1::MaterialType;

// Removes the ISBD punctuation that MARC keeps at the end of a subfield (" /", " :", " ;", ",", ".", " --"),
// keeping the full stop of an initial ("Jennings, Linda M.").
std::string StripIsbd(absl::string_view s) {
  for (;;) {
    s = absl::StripAsciiWhitespace(s);
    if (absl::ConsumeSuffix(&s, "--")) continue;
    if (s.empty()) break;
    const char last = s.back();
    if (last == '/' || last == ':' || last == ';' || last == ',' || last == '=') {
      s.remove_suffix(1);
      continue;
    }
    if (last == '.') {
      const bool initial = s.size() >= 3 && absl::ascii_isupper(static_cast<unsigned char>(s[s.size() - 2])) &&
                           (s[s.size() - 3] == ' ' || s[s.size() - 3] == '.');
      if (initial) break;
      s.remove_suffix(1);
      continue;
    }
    break;
  }
  return std::string(s);
}

bool HasLatinLetter(absl::string_view s) {
  for (char c : s) {
    if (absl::ascii_isalpha(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

// "萩野, 正昭" → "萩野 正昭": Japanese headings are shown family name, space, given name (as Aozora writes them);
// Latin headings keep MARC's "Austen, Jane".
std::string DisplayName(absl::string_view heading) {
  std::string name = StripIsbd(heading);
  if (HasLatinLetter(name)) return name;
  name = absl::StrReplaceAll(name, {{", ", " "}, {",", " "}});
  return name;
}

// A role word without the punctuation around it ("ed." keeps its stop, "comp.," loses the comma).
std::string CleanRole(absl::string_view role) {
  role = absl::StripAsciiWhitespace(role);
  while (!role.empty() && (role.back() == ',' || role.back() == ';' || role.back() == ':')) {
    role.remove_suffix(1);
    role = absl::StripAsciiWhitespace(role);
  }
  return std::string(role);
}

// The first plausible year in text such as "2019.2.", "c1999.", "1932-1954"; 0 when there is none.
int FirstYear(absl::string_view s) {
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    bool digits = true;
    for (size_t k = i; k < i + 4; ++k) digits = digits && absl::ascii_isdigit(static_cast<unsigned char>(s[k]));
    if (!digits) continue;
    const bool longer = (i > 0 && absl::ascii_isdigit(static_cast<unsigned char>(s[i - 1]))) ||
                        (i + 4 < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i + 4])));
    if (longer) continue;
    const int year = std::stoi(std::string(s.substr(i, 4)));
    if (year >= 1000 && year <= 2999) return year;
  }
  return 0;
}

// "978-4-7949-7075-6 :" → "9784794970756"; "0192547011(v1)" → "0192547011"; "" unless 10 or 13 characters.
std::string CleanIsbn(absl::string_view s) {
  s = absl::StripLeadingAsciiWhitespace(s);
  std::string isbn;
  for (char c : s) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      isbn.push_back(c);
    } else if (c == 'X' || c == 'x') {
      isbn.push_back('X');
    } else if (c != '-') {
      break;
    }
  }
  return isbn.size() == 10 || isbn.size() == 13 ? isbn : "";
}

// The katakana twins of the linked fields: "245-01" → the 880 whose $6 is "245-01/$1".
using KanaLinks = std::map<std::string, const MarcField*>;

KanaLinks IndexKana(const MarcRecord& record) {
  KanaLinks links;
  for (const auto& f : record.fields) {
    if (f.tag != "880") continue;
    const std::string link = f.First('6');
    const size_t slash = link.find('/');
    if (slash == std::string::npos || link.compare(slash + 1, 2, "$1") != 0) continue;  // "(B" is romaji
    links.emplace(link.substr(0, slash), &f);
  }
  return links;
}

const MarcField* KanaOf(const MarcField& field, const KanaLinks& links) {
  const std::string link = field.First('6');  // "880-01"
  if (!absl::StartsWith(link, "880-")) return nullptr;
  std::string occurrence;
  for (size_t i = 4; i < link.size() && absl::ascii_isdigit(static_cast<unsigned char>(link[i])); ++i) {
    occurrence.push_back(link[i]);
  }
  auto it = links.find(absl::StrCat(field.tag, "-", occurrence));
  return it == links.end() ? nullptr : it->second;
}

// 245$a with its part number and name ($n, $p), which tell one volume of a set from another.
std::string TitleOf(const MarcField& f) {
  std::vector<std::string> parts;
  for (const auto& [code, value] : f.subfields) {
    if (code != 'a' && code != 'n' && code != 'p') continue;
    std::string part = StripIsbd(value);
    if (!part.empty()) parts.push_back(std::move(part));
  }
  return absl::StrJoin(parts, " ");
}

std::string HeadingOf(const MarcField& f) {
  std::vector<std::string> parts;
  for (const auto& [code, value] : f.subfields) {
    // Corporate bodies: the body and its subordinate units (110/710 $b).
    if (code == 'a' || (code == 'b' && f.tag[1] == '1')) {
      std::string part = StripIsbd(value);
      if (!part.empty()) parts.push_back(std::move(part));
    }
  }
  return absl::StrJoin(parts, ". ");
}

void AddContributors(const MarcRecord& record, const KanaLinks& kana,
                     const std::vector<ResponsibilityPart>& statement, BibRecord& out) {
  static const std::set<std::string> kPeople = {"100", "110", "111", "700", "710", "711"};
  for (const auto& f : record.fields) {
    if (kPeople.count(f.tag) == 0) continue;
    const std::string heading = HeadingOf(f);
    if (heading.empty()) continue;
    Contributor c;
    c.name = DisplayName(heading);
    const MarcField* k = KanaOf(f, kana);
    if (k != nullptr) c.name_kana = DisplayName(HeadingOf(*k));
    std::vector<std::string> roles;
    for (const auto& e : f.All(f.tag == "111" || f.tag == "711" ? 'j' : 'e')) roles.push_back(CleanRole(e));
    if (roles.empty()) {
      for (const auto& code : f.All('4')) roles.push_back(StripIsbd(code));
    }
    if (roles.empty()) {
      const std::string reading = k == nullptr ? "" : HeadingOf(*k);
      c.role = RoleInResponsibility(
          statement, {.name = heading, .name_kana = reading, .corporate = f.tag[1] != '0'});
    } else {
      c.role = absl::StrJoin(roles, ", ");
    }
    out.contributors.push_back(std::move(c));
  }
}

void AddImprint(const MarcRecord& record, BibRecord& out) {
  // 260 (AACR2) or 264 with second indicator 1 (RDA publication statement).
  for (const auto& f : record.fields) {
    const bool imprint = f.tag == "260" || (f.tag == "264" && f.ind2 == '1');
    if (!imprint) continue;
    if (out.publisher.empty()) out.publisher = StripIsbd(f.First('b'));
    if (out.publication_year == 0) out.publication_year = FirstYear(f.First('c'));
  }
  if (out.publication_year == 0) {
    const std::string f008 = record.Control("008");
    if (f008.size() >= 11) out.publication_year = FirstYear(absl::string_view(f008).substr(7, 4));
  }
}

void AddNumbersAndSubjects(const MarcRecord& record, BibRecord& out) {
  std::set<std::string> seen_subjects;
  for (const auto& f : record.fields) {
    if (f.tag == "020" && out.isbn.empty()) {
      for (const auto& a : f.All('a')) {
        out.isbn = CleanIsbn(a);
        if (!out.isbn.empty()) break;
      }
    } else if (f.tag == "084") {
      const std::string scheme = f.First('2');
      // JAPAN/MARC names NDC editions "njb/09", "njb/10"; MARC21 proper uses "ndc…".
      if ((absl::StartsWith(scheme, "njb") || absl::StartsWith(scheme, "ndc")) && out.ndc.empty()) {
        out.ndc = StripIsbd(f.First('a'));
      } else if (scheme == "kktb" && out.ndlc.empty()) {
        out.ndlc = StripIsbd(f.First('a'));
      }
    } else if (f.tag == "600" || f.tag == "610" || f.tag == "650" || f.tag == "651") {
      std::string subject = StripIsbd(f.First('a'));
      if (!subject.empty() && seen_subjects.insert(subject).second) out.subjects.push_back(std::move(subject));
    }
  }
}

// C3 from the record: its form first (leader/06, the type of record), then, for books, the file's language,
// the class and the audience. Sound recordings are 音響 and video 映像 whatever the file; a computer file (an
// optical disc of text, sound and pictures in these files) is lent and refused as audio-visual, so 映像 too.
// Among Japanese books, NDC 726.1 (漫画・劇画) is まんが. Maps, scores and kits stay books.
MaterialType TypeOf(const MarcRecord& record, const MarcFileOptions& options, absl::string_view ndc) {
  const char form = record.leader.size() > 6 ? record.leader[6] : 'a';
  switch (form) {
    case 'i':  // nonmusical sound recording
    case 'j':  // musical sound recording
      return shiori::v1::AUDIO;
    case 'g':  // projected medium: film, video
    case 'm':  // computer file
      return shiori::v1::VIDEO;
    default:
      break;
  }
  if (options.foreign) return shiori::v1::FOREIGN_BOOK;
  if (absl::StartsWith(ndc, "726.1")) return shiori::v1::MANGA;
  // 008/22 target audience: j = juvenile (児童書).
  const std::string f008 = record.Control("008");
  if (f008.size() > 22 && f008[22] == 'j') return shiori::v1::CHILDREN_BOOK;
  return shiori::v1::GENERAL_BOOK;
}

BibRecord ToBibRecord(const MarcRecord& record, const MarcFileOptions& options, int position) {
  BibRecord out;
  out.source = options.source;
  out.source_id = std::string(absl::StripAsciiWhitespace(record.Control("001")));
  if (out.source_id.empty()) out.source_id = absl::StrCat("pos-", position);

  const KanaLinks kana = IndexKana(record);
  std::vector<ResponsibilityPart> statement;
  if (const MarcField* t = record.Find("245")) {
    out.title = TitleOf(*t);
    out.subtitle = StripIsbd(absl::StrJoin(t->All('b'), " "));
    out.responsibility = StripIsbd(absl::StrJoin(t->All('c'), " "));
    if (const MarcField* k = KanaOf(*t, kana)) out.title_kana = TitleOf(*k);
    statement = ParseResponsibility(out.responsibility);
  }
  AddContributors(record, kana, statement, out);
  AddImprint(record, out);
  AddNumbersAndSubjects(record, out);
  out.material_type = TypeOf(record, options, out.ndc);
  return out;
}

}  // namespace

MarcFileOptions NdlMarcOptions() { return {.source = "ndl", .foreign = false}; }
MarcFileOptions LocMarcOptions() { return {.source = "loc", .foreign = true}; }

absl::StatusOr<MarcFile> ParseMarc(absl::string_view iso2709, const MarcFileOptions& options) {
  MarcFile file;
  MarcDecoder decoder;
  std::set<std::string> ids;
  size_t offset = 0;
  // Skip the line breaks some tools put between records.
  const auto skip_separators = [&] {
    while (offset < iso2709.size() && (iso2709[offset] == '\n' || iso2709[offset] == '\r')) ++offset;
  };
  skip_separators();
  while (offset < iso2709.size()) {
    size_t next = iso2709.size();
    absl::StatusOr<MarcRecord> record = decoder.Decode(iso2709, offset, &next);
    ++file.records_read;
    offset = next;
    skip_separators();
    if (!record.ok()) {
      ++file.damaged_skipped;
      continue;
    }
    BibRecord bib = ToBibRecord(*record, options, file.records_read);
    if (!ids.insert(bib.source_id).second) {
      ++file.duplicates_skipped;
      continue;
    }
    file.records.push_back(std::move(bib));
  }
  if (file.records.empty() && file.damaged_skipped > 0) {
    return absl::InvalidArgumentError("no readable MARC record (not an ISO 2709 file?)");
  }
  return file;
}

absl::StatusOr<MarcFile> ReadMarcFile(const std::string& path, const MarcFileOptions& options) {
  absl::StatusOr<std::string> bytes = ReadFileContents(path);
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<MarcFile> file = ParseMarc(*bytes, options);
  if (!file.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", file.status().message()));
  return file;
}

}  // namespace shiori::catalog
