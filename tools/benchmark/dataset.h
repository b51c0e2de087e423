// The benchmark's data set: titles, copies and patrons made up from a WordPool, each one a pure function of its
// index, so the load generator can tell (without asking the database) what title N is about and of which
// material type, and two runs with the same sizes load the same catalogue.
//
//   titles   1–3 real title words joined by particles (の, と, ・ …), sometimes a subtitle, a volume or an issue;
//            one author (sometimes with a translator or an editor) recombined from real family and given names;
//            a real publisher, NDC class and subjects; material types mostly books (see MaterialOf);
//            search_text exactly as app::SearchTextOf makes it at import.
//   copies   spread evenly over the titles (copy k belongs to title k * titles / copies + 1), alternating
//            between the main and the branch library, all on the shelf.
//   patrons  numbers 1000001…; 85% residents, 5% each workers, students and wide-area patrons (who may not
//            reserve, R6); every one has the same password, hashed once, and a confirmed mail address.
// Pure and thread-safe.
#ifndef SHIORI_TOOLS_BENCHMARK_DATASET_H_
#define SHIORI_TOOLS_BENCHMARK_DATASET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "server/catalog/bib_record.h"
#include "shiori/v1/common.pb.h"
#include "tools/benchmark/word_pool.h"

namespace shiori::bench {

struct DatasetSize {
  int64_t titles = 1'000'000;
  int64_t copies = 2'000'000;
  int64_t patrons = 100'000;
};

// The same password for every bench patron (P6: 4–10 half-width letters and digits).
inline constexpr char kBenchPassword[] = "bench2026";

// A stable 64-bit mix of (salt, index): every generated field is drawn from it.
uint64_t Mix(uint64_t salt, uint64_t index);

// Title `id` (1-based) as the catalogue import would see it, and the words it was made of (for queries).
struct GeneratedTitle {
  catalog::BibRecord record;
  std::vector<std::string> words;  // title words and the author's family name
};
GeneratedTitle MakeTitle(const WordPool& pool, int64_t id);

// The material type of title `id`, cheaply (MakeTitle uses the same).
v1::MaterialType MaterialOf(int64_t id);
// True when rule R4 lets a patron reserve title `id` (books, children's books, magazines, foreign books).
bool ReservableTitle(int64_t id);

struct GeneratedCopy {
  int64_t id = 0;
  int64_t record_id = 0;
  std::string barcode;
  std::string library;
};
GeneratedCopy MakeCopy(const DatasetSize& size, int64_t id);

struct GeneratedPatron {
  int64_t id = 0;
  std::string patron_number;
  v1::PatronCategory category = v1::RESIDENT;
  std::string name;
  std::string name_kana;
  std::string phone;
  std::string library;
};
GeneratedPatron MakePatron(const WordPool& pool, int64_t id);
v1::PatronCategory PatronCategoryOf(int64_t id);
// The patron number of patron `id` without building the rest.
std::string PatronNumberOf(int64_t id);

// A search a patron would type: 1–3 words (50% one, 35% two, 15% three) of a title picked by `pick`, so that
// the query finds at least that title.
std::string MakeQuery(const WordPool& pool, int64_t titles, uint64_t pick);

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_DATASET_H_
