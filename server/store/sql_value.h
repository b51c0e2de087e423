// Values bound to and read from SQL statements, without exposing Connector/C++ types above store/.
#ifndef SHIORI_SERVER_STORE_SQL_VALUE_H_
#define SHIORI_SERVER_STORE_SQL_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace shiori::store {

struct Null {};
// A bound parameter: NULL, an integer, text, a civil date (DATE) or an instant (DATETIME(6) in UTC).
using SqlValue = std::variant<Null, int64_t, std::string, absl::CivilDay, absl::Time>;

// One row of a result, every cell as text (NULL is nullopt), read with typed accessors.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  int size() const { return static_cast<int>(cells_.size()); }
  bool IsNull(int i) const { return !cells_.at(i).has_value(); }
  std::string Str(int i) const { return cells_.at(i).value_or(""); }
  int64_t Int(int i) const;
  bool Bool(int i) const { return Int(i) != 0; }
  // A DATE cell; nullopt when NULL.
  std::optional<absl::CivilDay> Day(int i) const;
  // A DATETIME(6) cell in UTC; absl::InfinitePast() when NULL.
  absl::Time Time(int i) const;

 private:
  std::vector<std::optional<std::string>> cells_;
};

using Rows = std::vector<Row>;

std::string FormatSqlTime(absl::Time t);
std::string FormatSqlDay(absl::CivilDay d);
// A LIKE pattern matching `text` anywhere, its % _ and \ escaped: what was typed is text, not a pattern.
std::string LikeContaining(absl::string_view text);

// NULL for an empty text (an absent request id, token, reason …), which equals nothing and collides with
// nothing under a unique key; the text otherwise.
SqlValue TextOrNull(const std::string& text);

// How many columns a list of column expressions like "id, COALESCE(name, '')" names: its commas outside
// parentheses, plus one (no quoted text in it holds a comma or a parenthesis).
constexpr int ColumnsIn(const char* list) {
  int n = 1;
  int depth = 0;
  for (; *list; ++list) {
    if (*list == '(') ++depth;
    if (*list == ')') --depth;
    if (*list == ',' && depth == 0) ++n;
  }
  return n;
}

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_SQL_VALUE_H_
