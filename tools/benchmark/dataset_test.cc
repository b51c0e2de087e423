// Tests of the benchmark's pure parts: title words, the generated data set and the latency percentiles.
// The benchmark's figures are never tested.
#include <set>

#include "gtest/gtest.h"
#include "server/app/catalog_import.h"
#include "server/text/search_text.h"
#include "tools/benchmark/closed_loop.h"
#include "tools/benchmark/dataset.h"
#include "tools/benchmark/word_pool.h"

namespace shiori::bench {
namespace {

TEST(SplitTitleWordsTest, RunsOfOneScript) {
  struct Case {
    const char* title;
    std::vector<std::string> words;
  } cases[] = {
      {"銀河鉄道の夜", {"銀河鉄道"}},                      // hiragana separates, one-character runs are dropped
      {"スリーピー・ホローの伝説", {"スリーピー", "ホロー", "伝説"}},
      {"ＵＳＢメモリ入門 2019", {"ＵＳＢ", "メモリ", "入門", "2019"}},
      {"", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(SplitTitleWords(c.title), c.words) << c.title;
}

TEST(DatasetTest, CopiesCoverEveryTitleExactly) {
  DatasetSize size{1000, 2000, 10};
  std::set<int64_t> titles;
  std::set<std::string> barcodes;
  for (int64_t id = 1; id <= size.copies; ++id) {
    GeneratedCopy c = MakeCopy(size, id);
    ASSERT_GE(c.record_id, 1);
    ASSERT_LE(c.record_id, size.titles);
    titles.insert(c.record_id);
    barcodes.insert(c.barcode);
  }
  EXPECT_EQ(titles.size(), 1000u);
  EXPECT_EQ(barcodes.size(), 2000u);
}

TEST(DatasetTest, QueriesFindTheirTitle) {  // C2: the query words are inside the title's search text
  auto pool = LoadWordPool(SHIORI_DATA_DIR);
  ASSERT_TRUE(pool.ok()) << pool.status();
  for (uint64_t pick = 0; pick < 200; ++pick) {
    GeneratedTitle a = MakeTitle(*pool, 1 + static_cast<int64_t>(pick));
    GeneratedTitle b = MakeTitle(*pool, 1 + static_cast<int64_t>(pick));
    EXPECT_EQ(a.record.title, b.record.title);  // a pure function of the index
    EXPECT_FALSE(a.record.title.empty());
  }
  for (uint64_t pick = 0; pick < 200; ++pick) {
    const std::string query = MakeQuery(*pool, 500, pick);
    ASSERT_FALSE(query.empty());
    bool found = false;
    for (int64_t id = 1; id <= 500 && !found; ++id) {
      const std::string text = app::SearchTextOf(MakeTitle(*pool, id).record);
      bool all = true;
      for (const auto& w : text::SplitQueryWords(query)) {
        all = all && text.find(text::NormalizeForSearch(w)) != std::string::npos;
      }
      found = all;
    }
    EXPECT_TRUE(found) << query;
  }
}

TEST(PhaseResultTest, PercentilesByNearestRank) {
  PhaseResult r;
  for (int i = 1; i <= 100; ++i) r.latencies_ms.push_back(i);
  EXPECT_EQ(r.Percentile(0.50), 50);
  EXPECT_EQ(r.Percentile(0.99), 99);
  EXPECT_EQ(r.Percentile(1.0), 100);
  EXPECT_EQ(PhaseResult().Percentile(0.5), 0);
}

}  // namespace
}  // namespace shiori::bench
