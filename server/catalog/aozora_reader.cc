// See aozora_reader.h.
#include "server/catalog/aozora_reader.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/catalog/csv.h"
#include "server/catalog/file_contents.h"

namespace shiori::catalog {
namespace {

// Trims half-width and full-width (U+3000) spaces; the list has names like "日本経済新聞社 ".
std::string Trim(absl::string_view s) {
  for (;;) {
    s = absl::StripAsciiWhitespace(s);
    if (!absl::ConsumePrefix(&s, "\xE3\x80\x80") && !absl::ConsumeSuffix(&s, "\xE3\x80\x80")) break;
  }
  return std::string(s);
}

// "2010（平成22）年2月23日第31刷" → 2010.
int LeadingYear(absl::string_view edition) {
  edition = absl::StripLeadingAsciiWhitespace(edition);
  if (edition.size() < 4) return 0;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(edition[i]))) return 0;
    year = year * 10 + (edition[i] - '0');
  }
  return year;
}

struct Columns {
  int work_id = -1, title = -1, person = -1, translators = -1, publisher = -1, edition = -1;
};

int IndexOf(const CsvRow& header, absl::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

std::string Cell(const CsvRow& row, int column) {
  return column >= 0 && column < static_cast<int>(row.size()) ? Trim(row[column]) : "";
}

void AddPerson(BibRecord& work, std::string name, const char* role) {
  if (name.empty()) return;
  for (const auto& c : work.contributors) {
    if (c.name == name && c.role == role) return;
  }
  work.contributors.push_back({.name = std::move(name), .name_kana = "", .role = role});
}

// "アーヴィング ワシントン 著 ; 高垣 松雄 訳", the way a statement of responsibility is printed.
std::string Responsibility(const BibRecord& work) {
  std::vector<std::string> authors, translators;
  for (const auto& c : work.contributors) {
    (c.role == kAozoraAuthorRole ? authors : translators).push_back(c.name);
  }
  std::vector<std::string> parts;
  if (!authors.empty()) parts.push_back(absl::StrCat(absl::StrJoin(authors, ", "), " 著"));
  if (!translators.empty()) parts.push_back(absl::StrCat(absl::StrJoin(translators, ", "), " 訳"));
  return absl::StrJoin(parts, " ; ");
}

}  // namespace

absl::StatusOr<std::vector<BibRecord>> ParseAozoraCsv(absl::string_view csv) {
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(csv);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InvalidArgumentError("Aozora list without a header row");

  const CsvRow& header = rows->front();
  Columns col;
  col.work_id = IndexOf(header, "作品ID");
  col.title = IndexOf(header, "作品名");
  col.person = IndexOf(header, "著者名");
  col.translators = IndexOf(header, "翻訳者名等");
  col.publisher = IndexOf(header, "出版社名");
  col.edition = IndexOf(header, "入力に使用した版");
  if (col.work_id < 0 || col.title < 0 || col.person < 0) {
    return absl::InvalidArgumentError("Aozora list header lacks 作品ID, 作品名 or 著者名");
  }

  std::vector<BibRecord> works;
  std::map<std::string, size_t> index;  // 作品ID → position in works
  for (size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    const std::string id = Cell(row, col.work_id);
    if (id.empty()) continue;
    auto [it, fresh] = index.emplace(id, works.size());
    if (fresh) {
      BibRecord work;
      work.source = "aozora";
      work.source_id = id;
      work.title = Cell(row, col.title);
      work.publisher = Cell(row, col.publisher);
      work.publication_year = LeadingYear(Cell(row, col.edition));
      work.material_type = shiori::v1::GENERAL_BOOK;
      works.push_back(std::move(work));
    }
    BibRecord& work = works[it->second];

    std::vector<std::string> translators;
    for (absl::string_view t : absl::StrSplit(Cell(row, col.translators), "、")) {
      std::string name = Trim(t);
      if (!name.empty()) translators.push_back(std::move(name));
    }
    std::string person = Cell(row, col.person);
    const bool translator = std::find(translators.begin(), translators.end(), person) != translators.end();
    AddPerson(work, std::move(person), translator ? kAozoraTranslatorRole : kAozoraAuthorRole);
    for (auto& t : translators) AddPerson(work, std::move(t), kAozoraTranslatorRole);
  }

  for (BibRecord& work : works) {
    // Authors before translators, each in the order the list gives them.
    std::stable_sort(work.contributors.begin(), work.contributors.end(), [](const auto& a, const auto& b) {
      return a.role == kAozoraAuthorRole && b.role != kAozoraAuthorRole;
    });
    work.responsibility = Responsibility(work);
  }
  return works;
}

absl::StatusOr<std::vector<BibRecord>> ReadAozoraFile(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadFileContents(path);
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<std::vector<BibRecord>> works = ParseAozoraCsv(*bytes);
  if (!works.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", works.status().message()));
  return works;
}

}  // namespace shiori::catalog
