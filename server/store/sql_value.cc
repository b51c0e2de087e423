// See sql_value.h.
#include "server/store/sql_value.h"

#include "absl/strings/numbers.h"

namespace shiori::store {

int64_t Row::Int(int i) const {
  int64_t v = 0;
  if (cells_.at(i).has_value()) (void)absl::SimpleAtoi(*cells_[i], &v);
  return v;
}

std::optional<absl::CivilDay> Row::Day(int i) const {
  if (!cells_.at(i).has_value()) return std::nullopt;
  absl::CivilDay d;
  if (!absl::ParseCivilTime(cells_[i]->substr(0, 10), &d)) return std::nullopt;
  return d;
}

absl::Time Row::Time(int i) const {
  if (!cells_.at(i).has_value()) return absl::InfinitePast();
  absl::Time t;
  std::string err;
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%E*S", *cells_[i], absl::UTCTimeZone(), &t, &err)) {
    return absl::InfinitePast();
  }
  return t;
}

std::string FormatSqlTime(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone()); }

std::string FormatSqlDay(absl::CivilDay d) { return absl::FormatCivilTime(d); }

std::string LikeContaining(absl::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

SqlValue TextOrNull(const std::string& text) { return text.empty() ? SqlValue(Null{}) : SqlValue(text); }

}  // namespace shiori::store
