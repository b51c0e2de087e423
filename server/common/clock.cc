// See clock.h.
#include "server/common/clock.h"

namespace shiori {

absl::TimeZone TokyoZone() {
  static const absl::TimeZone zone = [] {
    absl::TimeZone z;
    if (!absl::LoadTimeZone("Asia/Tokyo", &z)) z = absl::FixedTimeZone(9 * 3600);
    return z;
  }();
  return zone;
}

absl::CivilDay TokyoDay(absl::Time t) { return absl::ToCivilDay(t, TokyoZone()); }

absl::Time EndOfTokyoDay(absl::CivilDay day) { return absl::FromCivil(day + 1, TokyoZone()); }

absl::CivilDay Clock::Today() const { return TokyoDay(Now()); }

}  // namespace shiori
