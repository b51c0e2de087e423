// See test_clock_control.h.
#include "server/app/test_clock_control.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/app/request_ids.h"
#include "server/common/error.h"
#include "server/store/audit_log.h"

namespace shiori::app {
namespace {

constexpr size_t kRememberedRequests = 1000;

absl::Status Disabled() {
  return Error(absl::StatusCode::kFailedPrecondition, "TEST_CLOCK_DISABLED",
               "このサーバーの時計は変更できません（--test-clock で起動していません）")
      .Rule("L3")
      .English("the server was not started with --test-clock; its clock cannot be changed");
}

// The years the test clock may show: what the database stores (DATETIME to 9999) and absl::Time counts in
// nanoseconds (to 2262) both hold them, with room for any deadline counted from them.
// The years are the library's, in Tokyo.
bool InRange(absl::Time t) {
  const absl::CivilDay day = TokyoDay(t);
  return day.year() >= 2000 && day.year() < 2200;
}

}  // namespace

absl::StatusOr<absl::Time> ParseClockTime(absl::string_view text, absl::string_view field) {
  const std::string t(absl::StripAsciiWhitespace(text));
  // %Ez accepts "+09:00" and "Z"; seconds (with a fraction) may be left out.
  for (const char* format : {"%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M%Ez"}) {
    absl::Time parsed;
    std::string err;
    if (!absl::ParseTime(format, t, &parsed, &err)) continue;
    if (InRange(parsed)) return parsed;
    return Error(absl::StatusCode::kInvalidArgument, "CLOCK_TIME_INVALID", "時刻は2000年から2199年までで指定してください")
        .Rule("L3")
        .Field(std::string(field), "a time from 2000-01-01 to 2199-12-31")
        .Meta("value", t)
        .English(absl::StrCat("the test clock shows years 2000 to 2199 only: '", t, "'"));
  }
  return Error(absl::StatusCode::kInvalidArgument, "CLOCK_TIME_INVALID",
               "時刻は 2026-12-10T09:00+09:00 の形で指定してください")
      .Rule("L3")
      .Field(std::string(field), "RFC 3339 with an offset, e.g. 2026-12-10T09:00:00+09:00")
      .Meta("value", t)
      .English(absl::StrCat("not an RFC 3339 time with an offset: '", t, "'"));
}

absl::StatusOr<absl::Duration> ParseClockDuration(absl::string_view text, absl::string_view field) {
  const std::string t(absl::StripAsciiWhitespace(text));
  auto invalid = [&] {
    return Error(absl::StatusCode::kInvalidArgument, "CLOCK_DURATION_INVALID",
                 "期間は 7d, 36h, 90m, 1d12h のように指定してください")
        .Rule("L3")
        .Field(std::string(field), "a positive sum of days, hours, minutes, seconds: 7d, 36h, 1d12h")
        .Meta("value", t)
        .English(absl::StrCat("not a positive duration like 7d or 1d12h: '", t, "'"));
  };
  absl::Duration total = absl::ZeroDuration();
  size_t i = 0;
  if (t.empty()) return invalid();
  while (i < t.size()) {
    size_t start = i;
    int64_t n = 0;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) {
      n = n * 10 + (t[i] - '0');
      if (n > 1000000000) return invalid();
      ++i;
    }
    if (i == start || i == t.size()) return invalid();
    switch (t[i]) {
      case 'd': total += absl::Hours(24 * n); break;
      case 'h': total += absl::Hours(n); break;
      case 'm': total += absl::Minutes(n); break;
      case 's': total += absl::Seconds(n); break;
      default: return invalid();
    }
    ++i;
  }
  if (total <= absl::ZeroDuration()) return invalid();
  return total;
}

ClockReading TestClockControl::ReadingAt(absl::Time t) const {
  return {t, TokyoDay(t), ctx_.test_clock != nullptr};
}

ClockReading TestClockControl::Get() const { return ReadingAt(ctx_.clock->Now()); }

absl::Status TestClockControl::CheckAllowed(const Caller& caller) const {
  if (!caller.is_staff() || !caller.admin) {
    return Error(absl::StatusCode::kPermissionDenied, "PERMISSION_DENIED", "この操作は管理者だけができます")
        .Rule("P10")
        .English("admins only");
  }
  if (ctx_.test_clock == nullptr) return Disabled();
  return absl::OkStatus();
}

absl::Status TestClockControl::Audit(const Caller& caller, absl::string_view action, absl::Time before,
                                     absl::Time after) const {
  store::AuditRecord r;
  r.at = after;
  r.actor = absl::StrCat("staff:", caller.staff_login);
  r.action = std::string(action);
  r.target = "clock";
  r.detail = absl::StrCat(absl::FormatTime(absl::RFC3339_full, before, absl::UTCTimeZone()), " -> ",
                          absl::FormatTime(absl::RFC3339_full, after, absl::UTCTimeZone()));
  r.peer = caller.peer;
  return ctx_.db->InTransaction([&](store::Tx& tx) { return store::AppendAuditRecord(tx, r); });
}

absl::StatusOr<ClockReading> TestClockControl::Set(const Caller& caller, absl::string_view time,
                                                   bool validate_only) {
  if (absl::Status s = CheckAllowed(caller); !s.ok()) return s;
  auto t = ParseClockTime(time);
  if (!t.ok()) return t.status();
  if (validate_only) return ReadingAt(*t);
  absl::MutexLock lock(&mu_);
  const absl::Time before = ctx_.test_clock->Now();
  if (absl::Status s = Audit(caller, "clock.set", before, *t); !s.ok()) return s;
  ctx_.test_clock->Set(*t);
  return ReadingAt(*t);
}

absl::StatusOr<ClockReading> TestClockControl::Advance(const Caller& caller, absl::string_view duration,
                                                       const std::string& request_id, bool validate_only) {
  if (absl::Status s = CheckAllowed(caller); !s.ok()) return s;
  auto d = ParseClockDuration(duration);
  if (!d.ok()) return d.status();
  if (absl::Status id = CheckRequestId(request_id); !id.ok()) return id;
  absl::MutexLock lock(&mu_);
  if (!request_id.empty()) {
    if (auto it = advanced_.find(request_id); it != advanced_.end()) {
      if (it->second.by != *d) return RequestIdReused("duration");
      return ReadingAt(it->second.to);
    }
  }
  const absl::Time before = ctx_.test_clock->Now();
  const absl::Time after = before + *d;
  if (!InRange(after)) {
    return Error(absl::StatusCode::kInvalidArgument, "CLOCK_DURATION_INVALID",
                 "この期間進めると時計が2199年を過ぎます")
        .Rule("L3")
        .Field("duration", "the clock would pass 2199-12-31")
        .Meta("value", std::string(duration))
        .English("advanced so far, the test clock would pass the year 2199");
  }
  if (validate_only) return ReadingAt(after);
  if (absl::Status s = Audit(caller, "clock.advance", before, after); !s.ok()) return s;
  ctx_.test_clock->Set(after);
  if (!request_id.empty()) {
    advanced_[request_id] = {*d, after};
    advanced_order_.push_back(request_id);
    if (advanced_order_.size() > kRememberedRequests) {
      advanced_.erase(advanced_order_.front());
      advanced_order_.pop_front();
    }
  }
  return ReadingAt(after);
}

}  // namespace shiori::app
