// Loading the benchmark's data set into a fresh, migrated database, fast: rows are written to tab-separated
// files in chunks and read by MariaDB with LOAD DATA INFILE while the next chunk is generated (the generator
// and mariadbd each keep one core busy). The files are removed once loaded.
#ifndef SHIORI_TOOLS_BENCHMARK_DATASET_LOADER_H_
#define SHIORI_TOOLS_BENCHMARK_DATASET_LOADER_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/benchmark/dataset.h"
#include "tools/benchmark/direct_sql.h"
#include "tools/benchmark/word_pool.h"

namespace shiori::bench {

struct LoadTimes {
  double titles_s = 0;
  double copies_s = 0;
  double patrons_s = 0;
  double word_index_s = 0;
  double analyze_s = 0;
};

// Loads titles with their word index, copies and patrons (all with `password_hash`). `scratch_dir` must be readable by mariadbd (the
// same machine). `progress` gets a line now and then.
absl::StatusOr<LoadTimes> LoadDataset(DirectSql& sql, const WordPool& pool, const DatasetSize& size,
                                      const std::string& scratch_dir, const std::string& password_hash,
                                      const std::function<void(const std::string&)>& progress);

// A logged-in patron: the session token the SDK sends, for the patron row `patron_id`.
struct BenchSession {
  int64_t patron_id = 0;
  std::string token;
};

// Opens an INTERNET session for each patron (rows written directly, as Login would write them), so the
// reservation operations need not pay a password hash per patron.
// subject_kind: 1 patron, 2 staff (store::SubjectKind).
absl::StatusOr<std::vector<BenchSession>> OpenSessions(DirectSql& sql, const std::vector<int64_t>& patron_ids,
                                                       int subject_kind = 1);

// A member of staff (b0001) working at both libraries, with `password_hash`. Returns the staff row id.
absl::StatusOr<int64_t> AddBenchStaff(DirectSql& sql, const std::string& password_hash);

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_DATASET_LOADER_H_
