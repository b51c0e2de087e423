// See dataset.h.
#include "tools/benchmark/dataset.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/catalog/holdings.h"

namespace shiori::bench {
namespace {

// Salts: one per field, so fields of one title are independent of each other.
enum Salt : uint64_t {
  kMaterial = 1, kWordCount, kWord, kJoin, kSubtitle, kVolume, kFamily, kGiven, kRole, kPublisher, kYear,
  kNdc, kSubjects, kIssue, kPatronFamily, kPatronGiven, kQueryTitle, kQueryWords,
};

template <typename T>
const T& Pick(const std::vector<T>& v, uint64_t h) {
  return v[h % v.size()];
}

std::string IsbnOf(int64_t id) {
  std::string digits = absl::StrFormat("978%09d", id % 1'000'000'000);
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return absl::StrCat(digits, (10 - sum % 10) % 10);
}

std::string PersonName(const WordPool& pool, uint64_t salt_family, uint64_t salt_given, uint64_t index,
                       std::string* kana) {
  const NamePart& f = Pick(pool.family_names, Mix(salt_family, index));
  const NamePart& g = Pick(pool.given_names, Mix(salt_given, index));
  if (kana) *kana = f.kana.empty() || g.kana.empty() ? "" : absl::StrCat(f.kana, " ", g.kana);
  return absl::StrCat(f.text, " ", g.text);
}

}  // namespace

uint64_t Mix(uint64_t salt, uint64_t index) {
  // SplitMix64 of the pair: cheap, and every bit depends on both inputs.
  uint64_t z = index * 0x9E3779B97F4A7C15ULL + salt * 0xD1B54A32D192ED03ULL + 0x632BE59BD9B4E019ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

v1::MaterialType MaterialOf(int64_t id) {
  const uint64_t p = Mix(kMaterial, id) % 100;
  if (p < 70) return v1::GENERAL_BOOK;
  if (p < 80) return v1::CHILDREN_BOOK;
  if (p < 83) return v1::MAGAZINE;
  if (p < 86) return v1::FOREIGN_BOOK;
  if (p < 89) return v1::AUDIO;
  if (p < 92) return v1::VIDEO;
  if (p < 95) return v1::MANGA;
  if (p < 98) return v1::REFERENCE;
  if (p < 99) return v1::LOCAL_HISTORY;
  return v1::ADMINISTRATIVE;
}

bool ReservableTitle(int64_t id) {
  switch (MaterialOf(id)) {
    case v1::GENERAL_BOOK:
    case v1::CHILDREN_BOOK:
    case v1::MAGAZINE:
    case v1::FOREIGN_BOOK:
      return true;
    default:
      return false;
  }
}

GeneratedTitle MakeTitle(const WordPool& pool, int64_t id) {
  static const char* const kJoins[] = {"の", "の", "の", "の", "と", "と", "", "", "・", "を", "に", "へ"};
  GeneratedTitle out;
  catalog::BibRecord& r = out.record;
  r.source = "bench";
  r.source_id = absl::StrCat(id);
  r.material_type = MaterialOf(id);
  const uint64_t wc = Mix(kWordCount, id) % 10;
  const int words = wc < 3 ? 1 : wc < 8 ? 2 : 3;
  for (int w = 0; w < words; ++w) {
    const std::string& word = Pick(pool.title_words, Mix(kWord, id * 4 + w));
    if (w > 0) absl::StrAppend(&r.title, kJoins[Mix(kJoin, id * 4 + w) % 12]);
    absl::StrAppend(&r.title, word);
    out.words.push_back(word);
  }
  const uint64_t volume = Mix(kVolume, id) % 40;
  if (volume == 0) absl::StrAppend(&r.title, " 上");
  if (volume == 1) absl::StrAppend(&r.title, " 下");
  if (volume == 2) absl::StrAppend(&r.title, " 第", 1 + Mix(kVolume, id + 1) % 12, "巻");
  if (Mix(kSubtitle, id) % 10 < 3) {
    r.subtitle = absl::StrCat(Pick(pool.title_words, Mix(kSubtitle, id * 2)), "の",
                              Pick(pool.title_words, Mix(kSubtitle, id * 2 + 1)));
  }
  if (r.material_type == v1::MAGAZINE) {
    r.series_title = out.words.front();
    r.issue_number = static_cast<int>(1 + Mix(kIssue, id) % 300);
    absl::StrAppend(&r.title, " 第", r.issue_number, "号");
  }
  std::string kana;
  std::string author = PersonName(pool, kFamily, kGiven, id * 2, &kana);
  out.words.push_back(author.substr(0, author.find(' ')));
  const uint64_t role = Mix(kRole, id) % 10;
  const char* author_role = role == 8 ? "編" : "著";
  r.contributors.push_back({author, kana, author_role});
  r.responsibility = absl::StrCat(author, " ", author_role);
  if (role == 9) {
    std::string translator = PersonName(pool, kFamily, kGiven, id * 2 + 1, &kana);
    r.contributors.push_back({translator, kana, "訳"});
    absl::StrAppend(&r.responsibility, " ; ", translator, " 訳");
  }
  r.publisher = Pick(pool.publishers, Mix(kPublisher, id));
  r.publication_year = static_cast<int>(1950 + Mix(kYear, id) % 76);
  if (r.material_type != v1::MAGAZINE) r.isbn = IsbnOf(id);
  r.ndc = Pick(pool.ndc_classes, Mix(kNdc, id));
  const int subjects = static_cast<int>(Mix(kSubjects, id) % 3);
  for (int s = 0; s < subjects; ++s) r.subjects.push_back(Pick(pool.subjects, Mix(kSubjects, id * 3 + s + 1)));
  return out;
}

GeneratedCopy MakeCopy(const DatasetSize& size, int64_t id) {
  GeneratedCopy c;
  c.id = id;
  // Evenly spread: copies id-1 … of title floor((id-1) * titles / copies) + 1.
  c.record_id = static_cast<int64_t>((static_cast<__int128>(id - 1) * size.titles) / size.copies) + 1;
  c.barcode = absl::StrFormat("3%011d", id);
  c.library = id % 2 == 1 ? catalog::kMainLibrary : catalog::kBranchLibrary;
  return c;
}

v1::PatronCategory PatronCategoryOf(int64_t id) {
  const int64_t c = id % 20;
  return c < 17 ? v1::RESIDENT : c == 17 ? v1::WORKER : c == 18 ? v1::STUDENT : v1::WIDE_AREA;
}

std::string PatronNumberOf(int64_t id) { return absl::StrCat(1'000'000 + id); }

GeneratedPatron MakePatron(const WordPool& pool, int64_t id) {
  GeneratedPatron p;
  p.id = id;
  p.patron_number = PatronNumberOf(id);
  p.category = PatronCategoryOf(id);
  p.name = PersonName(pool, kPatronFamily, kPatronGiven, id, &p.name_kana);
  if (p.name_kana.empty()) p.name_kana = "シオリ タロウ";
  p.phone = absl::StrFormat("06-%04d-%04d", (id / 10000) % 10000, id % 10000);
  p.library = id % 2 == 1 ? catalog::kMainLibrary : catalog::kBranchLibrary;
  return p;
}

std::string MakeQuery(const WordPool& pool, int64_t titles, uint64_t pick) {
  const int64_t id = 1 + static_cast<int64_t>(Mix(kQueryTitle, pick) % titles);
  GeneratedTitle t = MakeTitle(pool, id);
  const uint64_t n = Mix(kQueryWords, pick) % 20;
  const size_t want = std::min<size_t>(n < 10 ? 1 : n < 17 ? 2 : 3, t.words.size());
  // One word: any of the title's words or the author; more: the first words of the title, then the author
  // (the words list ends with the author), the way people remember a book.
  std::string q;
  if (want == 1) return t.words[Mix(kQueryWords, pick + 1) % t.words.size()];
  for (size_t i = 0; i < want; ++i) absl::StrAppend(&q, i ? " " : "", t.words[i]);
  return q;
}

}  // namespace shiori::bench
