// The library's words as the CLI reads and prints them: material types (C3) by their proto name in lower case or
// in Japanese, availability, reservation states (R13), notice methods (R2), dates in Asia/Tokyo (L3), and the
// Japanese explanation of the reason codes a patron meets.
#ifndef SHIORI_CLIENT_CLI_VOCABULARY_H_
#define SHIORI_CLIENT_CLI_VOCABULARY_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "google/type/date.pb.h"
#include "shiori/v1/common.pb.h"
#include "shiori/v1/library.pb.h"

namespace shiori::cli {

// "general_book", "GENERAL_BOOK" or "一般書" → GENERAL_BOOK; nullopt for anything else.
std::optional<v1::MaterialType> ParseMaterialType(absl::string_view text);
// GENERAL_BOOK → "一般書" (rule C3's names).
std::string MaterialTypeJa(v1::MaterialType type);
// GENERAL_BOOK → "general_book".
std::string MaterialTypeToken(v1::MaterialType type);
// Every type as "general_book/一般書", for help texts.
std::string MaterialTypeChoices();

// "email", "mail", "メール" → EMAIL; "phone", "telephone", "tel", "電話" → TELEPHONE.
std::optional<v1::NotifyMethod> ParseNotifyMethod(absl::string_view text);
std::string NotifyMethodJa(v1::NotifyMethod method);  // メール / 電話

std::string AvailabilityJa(v1::Availability availability);  // 在架, 貸出中 …
std::string ReservationStateJa(v1::ReservationState state);  // 予約中, 回送中, 確保済 …

// The 延長 column of a patron's loan (B2): "可 (あと1回)" when it may be renewed, else 不可 and why, for the
// loan's renewal_refusal reason.
std::string RenewalJa(absl::string_view refusal, int renewals_left);

// 2026-12-10(木); "" for an unset date (year 0).
std::string FormatDate(const google::type::Date& date);
// An RFC 3339 timestamp as a Tokyo date and time, "2026-12-10 09:30"; the input itself when unparseable.
std::string FormatTimestamp(absl::string_view rfc3339);

// Why a title cannot be reserved, in Japanese with its rule id, for a not_reservable_reason code.
std::string NotReservableReasonJa(absl::string_view reason);

// "libraries/main" → "main", "records/12" → "12": the id a patron types.
std::string ShortId(absl::string_view resource_name);

}  // namespace shiori::cli

#endif  // SHIORI_CLIENT_CLI_VOCABULARY_H_
