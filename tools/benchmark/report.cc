// See report.h.
#include "tools/benchmark/report.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace shiori::bench {
namespace {

std::string NameOf(const PhaseResult& r) {
  return r.variant.empty() ? r.operation : absl::StrCat(r.operation, " (", r.variant, ")");
}

double Round(double v, int digits) {
  const double scale = std::pow(10.0, digits);
  return std::round(v * scale) / scale;
}

// A counter of the window per successful call; 0 without calls.
double PerCall(const PhaseResult& r, int64_t count) { return r.ok > 0 ? static_cast<double>(count) / r.ok : 0.0; }

}  // namespace

double LowestCeiling(const std::vector<PhaseResult>& rows) {
  double lowest = 0;
  for (const auto& r : rows) {
    if (r.kind != "ceiling" || r.ops_per_s() <= 0) continue;
    if (lowest == 0 || r.ops_per_s() < lowest) lowest = r.ops_per_s();
  }
  return lowest;
}

std::string FormatTable(const std::vector<PhaseResult>& rows) {
  const double ceiling = LowestCeiling(rows);
  std::string out = absl::StrFormat("%-44s %9s %8s %8s %8s %8s %6s %8s %9s %8s %9s %7s %7s %7s %7s\n",
                                    "operation", "ops/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors",
                                    "of ceil", "srv cpu s", "srv MiB", "db cpu s", "db MiB", "stmt/op",
                                    "prep/op", "logw/op");
  for (const auto& r : rows) {
    absl::StrAppendFormat(&out,
                          "%-44s %9.1f %8.2f %8.2f %8.2f %8.2f %6d %7.0f%% %9.2f %8.0f %9.2f %7.0f %7.2f %7.3f %7.2f\n",
                          NameOf(r), r.ops_per_s(), r.Percentile(0.50), r.Percentile(0.90), r.Percentile(0.99),
                          r.latencies_ms.empty() ? 0.0 : r.latencies_ms.back(), r.errors,
                          ceiling > 0 ? 100.0 * r.ops_per_s() / ceiling : 0.0, r.server_cpu_s, r.server_peak_mib,
                          r.db_cpu_s, r.db_peak_mib, PerCall(r, r.db.statements), PerCall(r, r.db.prepares),
                          PerCall(r, r.db.log_writes));
  }
  for (const auto& r : rows) {
    if (r.errors > 0) absl::StrAppend(&out, "first error of ", NameOf(r), ": ", r.first_error, "\n");
  }
  return out;
}

std::string FormatJson(const std::vector<PhaseResult>& rows) {
  const double ceiling = LowestCeiling(rows);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : rows) {
    nlohmann::json row;
    row["operation"] = r.operation;
    row["variant"] = r.variant;
    row["kind"] = r.kind;
    row["clients"] = r.clients;
    row["seconds"] = Round(r.seconds, 3);
    row["count"] = r.ok;
    row["errors"] = r.errors;
    row["ops_per_s"] = Round(r.ops_per_s(), 1);
    row["p50_ms"] = Round(r.Percentile(0.50), 3);
    row["p90_ms"] = Round(r.Percentile(0.90), 3);
    row["p99_ms"] = Round(r.Percentile(0.99), 3);
    row["max_ms"] = Round(r.latencies_ms.empty() ? 0.0 : r.latencies_ms.back(), 3);
    row["fraction_of_ceiling"] = ceiling > 0 ? Round(r.ops_per_s() / ceiling, 3) : 0.0;
    row["server_cpu_s"] = Round(r.server_cpu_s, 3);
    row["server_cpu_ms_per_op"] = r.ok > 0 ? Round(1000.0 * r.server_cpu_s / r.ok, 3) : 0.0;
    row["server_peak_rss_mib"] = Round(r.server_peak_mib, 1);
    row["db_cpu_s"] = Round(r.db_cpu_s, 3);
    row["db_cpu_ms_per_op"] = r.ok > 0 ? Round(1000.0 * r.db_cpu_s / r.ok, 3) : 0.0;
    row["db_peak_rss_mib"] = Round(r.db_peak_mib, 1);
    row["bench_cpu_s"] = Round(r.bench_cpu_s, 3);
    row["db_statements_per_op"] = Round(PerCall(r, r.db.statements), 3);
    row["db_prepares_per_op"] = Round(PerCall(r, r.db.prepares), 4);
    row["db_commits_per_op"] = Round(PerCall(r, r.db.commits), 3);
    row["db_log_writes_per_op"] = Round(PerCall(r, r.db.log_writes), 3);
    if (!r.first_error.empty()) row["first_error"] = r.first_error;
    list.push_back(std::move(row));
  }
  return list.dump(2) + "\n";
}

}  // namespace shiori::bench
