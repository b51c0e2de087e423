// The benchmark's report: one row per measured phase, as a text table for people and as JSON for programs
// (a list of objects with operation, ops_per_s, p50_ms, p90_ms, p99_ms, max_ms, fraction_of_ceiling, …).
// fraction_of_ceiling is the row's throughput over the lowest ceiling's (the gRPC and the database ceilings
// are rows of kind "ceiling"; a "reference" row, the durable commit, is compared with them but is none).
#ifndef SHIORI_TOOLS_BENCHMARK_REPORT_H_
#define SHIORI_TOOLS_BENCHMARK_REPORT_H_

#include <string>
#include <vector>

#include "tools/benchmark/closed_loop.h"

namespace shiori::bench {

// The lowest throughput among the rows of kind "ceiling"; 0 when there are none.
double LowestCeiling(const std::vector<PhaseResult>& rows);

std::string FormatTable(const std::vector<PhaseResult>& rows);
std::string FormatJson(const std::vector<PhaseResult>& rows);

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_REPORT_H_
