// See vocabulary.h.
#include "vocabulary.h"

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace shiori::cli {
namespace {

struct MaterialTypeName {
  v1::MaterialType type;
  const char* ja;
};

// Rule C3, in the order of rules.md.
constexpr std::array<MaterialTypeName, 11> kMaterialTypes = {{
    {v1::GENERAL_BOOK, "一般書"},
    {v1::CHILDREN_BOOK, "児童書"},
    {v1::MAGAZINE, "雑誌"},
    {v1::FOREIGN_BOOK, "洋書"},
    {v1::AUDIO, "音響"},
    {v1::VIDEO, "映像"},
    {v1::MANGA, "まんが"},
    {v1::REFERENCE, "参考資料"},
    {v1::LOCAL_HISTORY, "郷土資料"},
    {v1::ADMINISTRATIVE, "行政資料"},
    {v1::INTERLIBRARY_BORROWED, "借受"},
}};

}  // namespace

std::optional<v1::MaterialType> ParseMaterialType(absl::string_view text) {
  std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  for (const auto& m : kMaterialTypes) {
    if (upper == v1::MaterialType_Name(m.type) || upper == m.ja) return m.type;
  }
  return std::nullopt;
}

std::string MaterialTypeJa(v1::MaterialType type) {
  for (const auto& m : kMaterialTypes) {
    if (m.type == type) return m.ja;
  }
  return "不明";
}

std::string MaterialTypeToken(v1::MaterialType type) {
  return absl::AsciiStrToLower(v1::MaterialType_Name(type));
}

std::string MaterialTypeChoices() {
  std::vector<std::string> names;
  for (const auto& m : kMaterialTypes) names.push_back(absl::StrCat(MaterialTypeToken(m.type), "/", m.ja));
  return absl::StrJoin(names, ", ");
}

std::optional<v1::NotifyMethod> ParseNotifyMethod(absl::string_view text) {
  std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (lower == "email" || lower == "mail" || lower == "メール") return v1::EMAIL;
  if (lower == "phone" || lower == "telephone" || lower == "tel" || lower == "電話") return v1::TELEPHONE;
  return std::nullopt;
}

std::string NotifyMethodJa(v1::NotifyMethod method) {
  switch (method) {
    case v1::EMAIL: return "メール";
    case v1::TELEPHONE: return "電話";
    default: return "-";
  }
}

std::string AvailabilityJa(v1::Availability availability) {
  switch (availability) {
    case v1::AVAILABILITY_ON_SHELF: return "在架";
    case v1::AVAILABILITY_ON_LOAN: return "貸出中";
    case v1::AVAILABILITY_IN_TRANSIT: return "回送中";
    case v1::AVAILABILITY_ON_HOLD_SHELF: return "予約確保中";
    default: return "不明";
  }
}

std::string RenewalJa(absl::string_view refusal, int renewals_left) {
  if (refusal.empty()) return absl::StrCat("可 (あと", renewals_left, "回)");
  if (refusal == "RENEWAL_BLOCKED_BY_OVERDUE") return "不可 (延滞)";
  if (refusal == "RENEWAL_BLOCKED_BY_RESERVATION") return "不可 (予約あり)";
  if (refusal == "RENEWAL_LIMIT_REACHED") return "不可 (延長済)";
  if (refusal == "RENEWAL_NOT_ALLOWED_FOR_CATEGORY") return "不可 (利用者区分)";
  if (refusal == "RENEWAL_NOT_EXTENDING") return "不可 (期限は延びない)";
  return "不可";
}

std::string ReservationStateJa(v1::ReservationState state) {
  switch (state) {
    case v1::WAITING: return "予約中";
    case v1::IN_TRANSIT: return "回送中";
    case v1::SECURED: return "確保済";
    case v1::FULFILLED: return "貸出済";
    case v1::CANCELLED: return "取消";
    case v1::EXPIRED: return "期限切れ";
    default: return "不明";
  }
}

std::string FormatDate(const google::type::Date& date) {
  if (date.year() == 0) return "";
  static constexpr const char* kWeekdays[] = {"月", "火", "水", "木", "金", "土", "日"};
  absl::CivilDay day(date.year(), date.month(), date.day());
  return absl::StrFormat("%04d-%02d-%02d(%s)", date.year(), date.month(), date.day(),
                         kWeekdays[static_cast<int>(absl::GetWeekday(day))]);
}

std::string FormatTimestamp(absl::string_view rfc3339) {
  absl::Time t;
  std::string err;
  if (rfc3339.empty() || !absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &err)) return std::string(rfc3339);
  absl::TimeZone tokyo;
  if (!absl::LoadTimeZone("Asia/Tokyo", &tokyo)) tokyo = absl::FixedTimeZone(9 * 60 * 60);  // Japan has no DST
  return absl::FormatTime("%Y-%m-%d %H:%M", t, tokyo);
}

std::string NotReservableReasonJa(absl::string_view reason) {
  if (reason == "NOT_RESERVABLE_MATERIAL") {
    return "視聴覚資料・まんが・禁帯出の資料は予約できません (R4)";
  }
  if (reason == "WIDE_AREA_PATRON_CANNOT_RESERVE") return "広域利用者は予約できません (R6)";
  if (reason == "ALREADY_RESERVED") return "すでに予約しています (R7)";
  if (reason == "ALREADY_ON_LOAN") return "この資料を借りています (R7)";
  if (reason == "HOLD_LIMIT_REACHED") return "予約できる件数の上限に達しています (R3)";
  return std::string(reason);
}

std::string ShortId(absl::string_view resource_name) {
  auto slash = resource_name.rfind('/');
  return std::string(slash == absl::string_view::npos ? resource_name : resource_name.substr(slash + 1));
}

}  // namespace shiori::cli
