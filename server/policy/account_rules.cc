// See account_rules.h. The width and kana folding here is the narrow form P4 needs (names and phone numbers
// typed by a patron); catalogue search text (C2) has its own normaliser in server/text.
#include "server/policy/account_rules.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/common/error.h"
#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"
#include "unicode/utf8.h"

namespace shiori::policy {
namespace {

using shiori::v1::AccountPolicy;
using shiori::v1::PasswordPolicy;

// A patron number longer than this is a typing accident (or an attack), not a card.
constexpr size_t kMaxPatronNumberDigits = 20;
constexpr size_t kMaxEmailLength = 254;   // RFC 5321 path limit minus the angle brackets
constexpr size_t kMaxEmailLocalLength = 64;
constexpr size_t kMaxEmailLabelLength = 63;

constexpr UChar32 kIdeographicSpace = 0x3000;

// The code points of UTF-8 text; a malformed byte sequence becomes a negative value (U8_NEXT's convention),
// which no rule accepts.
std::vector<UChar32> CodePoints(absl::string_view text) {
  std::vector<UChar32> out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    out.push_back(c);
  }
  return out;
}

bool IsAsciiDigit(UChar32 c) { return c >= '0' && c <= '9'; }
bool IsFullWidthDigit(UChar32 c) { return c >= 0xFF10 && c <= 0xFF19; }
bool IsAsciiAlnum(UChar32 c) { return IsAsciiDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// 全角: what a Japanese patron means by "full-width" — the full-width forms (ａ, １, ！), the ideographic space,
// and wide characters (kana, kanji). Half-width katakana and ambiguous-width letters like é are not.
bool IsFullWidth(UChar32 c) {
  if (c < 0) return false;
  const int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_FULLWIDTH || width == U_EA_WIDE;
}

bool IsPatronNumberSpace(UChar32 c) { return c == ' ' || c == '\t' || c == kIdeographicSpace; }

// NFKC with case folding: full-width Latin and digits become ASCII, half-width katakana become full-width and
// take their voiced marks (ｶﾞ → ガ), ＡＢ and ab fold together. Small kana are not compatibility variants of
// large ones, so ッ and ツ stay apart.
icu::UnicodeString FoldWidth(const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return text;  // ICU data is built in; this does not happen in practice
  icu::UnicodeString out = nfkc->normalize(text, status);
  return U_FAILURE(status) ? text : out;
}

icu::UnicodeString FromUtf8(absl::string_view text) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

absl::Status PatronNumberError(std::string message_ja, absl::string_view english) {
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_PATRON_NUMBER", std::move(message_ja))
      .Rule("P3")
      .Field("patron_number", std::string(english))
      .English(std::string(english));
}

absl::Status PasswordError(absl::string_view reason, std::string message_ja, absl::string_view field,
                           absl::string_view english) {
  return Error(absl::StatusCode::kInvalidArgument, std::string(reason), std::move(message_ja))
      .Rule("P6")
      .Field(std::string(field), std::string(english))
      .English(std::string(english));
}

absl::Status EmailError(std::string message_ja, absl::string_view field, absl::string_view english) {
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_EMAIL_ADDRESS", std::move(message_ja))
      .Rule("P7")
      .Field(std::string(field), std::string(english))
      .English(std::string(english));
}

bool IsEmailAtomChar(char c) {
  if (IsAsciiAlnum(static_cast<unsigned char>(c))) return true;
  static constexpr absl::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~.";
  return kSpecials.find(c) != absl::string_view::npos;
}

bool IsDomainLabel(absl::string_view label) {
  if (label.empty() || label.size() > kMaxEmailLabelLength) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(),
                     [](char c) { return IsAsciiAlnum(static_cast<unsigned char>(c)) || c == '-'; });
}

// Separators a patron may type inside a telephone number: every dash (including ー, typed for a hyphen on
// Japanese keyboards), parentheses, dots and spaces.
bool IsPhoneSeparator(UChar32 c) {
  switch (c) {
    case '-': case '(': case ')': case '.': case '/':
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:  // hyphens and dashes
    case 0x2212:                                                                    // minus sign
    case 0x30FC:                                                                    // ー
      return true;
    default:
      return u_isUWhiteSpace(c);
  }
}

}  // namespace

// ---- P3 ----

absl::StatusOr<std::string> NormalizePatronNumber(absl::string_view typed) {
  std::vector<UChar32> cps = CodePoints(typed);
  auto first = std::find_if_not(cps.begin(), cps.end(), IsPatronNumberSpace);
  auto last = std::find_if_not(cps.rbegin(), std::make_reverse_iterator(first), IsPatronNumberSpace).base();
  if (first == last) {
    return PatronNumberError("利用者番号を入力してください。", "the patron number is empty");
  }
  std::string digits;
  for (auto it = first; it != last; ++it) {
    if (IsAsciiDigit(*it)) {
      digits.push_back(static_cast<char>(*it));
    } else if (IsFullWidthDigit(*it)) {
      digits.push_back(static_cast<char>('0' + (*it - 0xFF10)));
    } else {
      return PatronNumberError("利用者番号は利用者カードに印刷された数字だけで入力してください。",
                               "the patron number may contain only digits");
    }
  }
  if (digits.size() > kMaxPatronNumberDigits) {
    return PatronNumberError("利用者番号の桁数が多すぎます。利用者カードの番号を確かめてください。",
                             "the patron number is too long");
  }
  return digits;
}

// ---- P6 ----

absl::Status CheckPasswordCharacters(absl::string_view password, absl::string_view field) {
  bool full_width = false;
  bool invalid = false;
  for (UChar32 c : CodePoints(password)) {
    if (IsAsciiAlnum(c)) continue;
    if (IsFullWidth(c)) {
      full_width = true;
    } else {
      invalid = true;
    }
  }
  // Full-width input is the usual mistake (the IME was on), so it gets its own message even when other
  // characters are wrong too.
  if (full_width) {
    return PasswordError("PASSWORD_NOT_HALF_WIDTH",
                         "パスワードに全角文字が含まれています。半角の英字と数字で入力してください。", field,
                         "the password contains full-width characters");
  }
  if (invalid) {
    return PasswordError("PASSWORD_INVALID_CHARACTER",
                         "パスワードに使えない文字が含まれています。使えるのは半角の英字（A〜Z、a〜z）と"
                         "数字（0〜9）だけです。記号や空白は使えません。",
                         field, "the password may contain only the letters A-Z, a-z and the digits 0-9");
  }
  return absl::OkStatus();
}

absl::Status CheckPassword(absl::string_view password, const PasswordPolicy& policy, absl::string_view field) {
  if (absl::Status s = CheckPasswordCharacters(password, field); !s.ok()) return s;
  // Only ASCII is left here, so bytes are characters.
  const int64_t length = static_cast<int64_t>(password.size());
  const std::string range =
      absl::StrCat(policy.min_length(), "文字以上", policy.max_length(), "文字以内で入力してください。");
  if (length < policy.min_length()) {
    return Error(absl::StatusCode::kInvalidArgument, "PASSWORD_TOO_SHORT", absl::StrCat("パスワードが短すぎます。", range))
        .Rule("P6")
        .Meta("min_length", absl::StrCat(policy.min_length()))
        .Meta("max_length", absl::StrCat(policy.max_length()))
        .Field(std::string(field), absl::StrCat("at least ", policy.min_length(), " characters"))
        .English(absl::StrCat("the password must have at least ", policy.min_length(), " characters"));
  }
  if (length > policy.max_length()) {
    return Error(absl::StatusCode::kInvalidArgument, "PASSWORD_TOO_LONG", absl::StrCat("パスワードが長すぎます。", range))
        .Rule("P6")
        .Meta("min_length", absl::StrCat(policy.min_length()))
        .Meta("max_length", absl::StrCat(policy.max_length()))
        .Field(std::string(field), absl::StrCat("at most ", policy.max_length(), " characters"))
        .English(absl::StrCat("the password must have at most ", policy.max_length(), " characters"));
  }
  return absl::OkStatus();
}

// ---- P4 ----

std::string NormalizeKana(absl::string_view kana) {
  icu::UnicodeString text = FromUtf8(kana);
  // The spacing voiced marks ゛゜ decompose to a space plus the combining mark under NFKC, which would leave the
  // mark stranded; as combining marks they join the kana before them (か゛ → が).
  text.findAndReplace(icu::UnicodeString(UChar32{0x309B}), icu::UnicodeString(UChar32{0x3099}));  // ゛
  text.findAndReplace(icu::UnicodeString(UChar32{0x309C}), icu::UnicodeString(UChar32{0x309A}));  // ゜
  text = FoldWidth(text);

  icu::UnicodeString out;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c) || c == 0x30FB) continue;  // spaces and ・ between family and given name
    if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E) c += 0x60;  // ひらがな → カタカナ
    out.append(c);
  }
  return ToUtf8(out);
}

bool IsKanaName(absl::string_view kana) {
  const icu::UnicodeString text = FromUtf8(NormalizeKana(kana));
  if (text.isEmpty()) return false;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    // ァ…ヺ, ー, ヽ ヾ (the voiced marks have joined their kana).
    if (!((c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || c == 0x30FD || c == 0x30FE)) return false;
  }
  return true;
}

std::string NormalizePhone(absl::string_view phone) {
  icu::UnicodeString text = FoldWidth(FromUtf8(phone));  // ０６ → 06, （） → (), －→ -, ｰ → ー
  icu::UnicodeString out;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (!IsPhoneSeparator(c)) out.append(c);
  }
  return ToUtf8(out);
}

bool RegistrationMatches(absl::string_view record_kana, absl::string_view record_phone,
                         absl::string_view given_kana, absl::string_view given_phone) {
  const std::string kana = NormalizeKana(record_kana);
  const std::string phone = NormalizePhone(record_phone);
  if (kana.empty() || phone.empty()) return false;
  // Both comparisons always run, so the answer takes the same time whichever one fails.
  const bool kana_matches = kana == NormalizeKana(given_kana);
  const bool phone_matches = phone == NormalizePhone(given_phone);
  return kana_matches && phone_matches;
}

absl::Time ConfirmationExpiry(absl::Time issued_at, const AccountPolicy& policy) {
  return issued_at + absl::Hours(policy.confirmation_token_hours());
}

bool ConfirmationExpired(absl::Time issued_at, absl::Time now, const AccountPolicy& policy) {
  return now >= ConfirmationExpiry(issued_at, policy);
}

// ---- P7 ----

absl::Status CheckEmailAddress(absl::string_view address, absl::string_view field) {
  if (address.empty()) {
    return EmailError("メールアドレスを入力してください。", field, "the mail address is empty");
  }
  bool full_width = false;
  bool non_ascii = false;
  bool space_or_control = false;
  for (UChar32 c : CodePoints(address)) {
    if (c >= 0x80 || c < 0) {
      (IsFullWidth(c) ? full_width : non_ascii) = true;
    } else if (c <= 0x20 || c == 0x7F) {
      space_or_control = true;
    }
  }
  if (full_width) {
    return EmailError("メールアドレスに全角文字が含まれています。半角で入力してください。", field,
                      "the mail address contains full-width characters");
  }
  if (non_ascii) {
    return EmailError("メールアドレスに使えない文字が含まれています。半角の英数字と記号で入力してください。",
                      field, "the mail address may contain only ASCII characters");
  }
  if (space_or_control) {
    return EmailError("メールアドレスに空白などの使えない文字が含まれています。", field,
                      "the mail address contains spaces or control characters");
  }
  if (address.size() > kMaxEmailLength) {
    return EmailError(absl::StrCat("メールアドレスが長すぎます（", kMaxEmailLength, "文字まで）。"), field,
                      "the mail address is too long");
  }
  const size_t at = address.find('@');
  if (at == absl::string_view::npos) {
    return EmailError("メールアドレスに「@」がありません。", field, "the mail address has no @");
  }
  if (address.find('@', at + 1) != absl::string_view::npos) {
    return EmailError("メールアドレスに「@」が2つ以上あります。", field, "the mail address has more than one @");
  }
  const absl::string_view local = address.substr(0, at);
  const absl::string_view domain = address.substr(at + 1);
  if (local.empty() || local.size() > kMaxEmailLocalLength ||
      !std::all_of(local.begin(), local.end(), IsEmailAtomChar)) {
    return EmailError("メールアドレスの「@」より前の部分が正しくありません。", field,
                      "the part of the mail address before @ is not valid");
  }
  bool labels_ok = !domain.empty();
  int labels = 0;
  for (size_t start = 0; labels_ok && start <= domain.size(); ++labels) {
    size_t dot = domain.find('.', start);
    if (dot == absl::string_view::npos) dot = domain.size();
    labels_ok = IsDomainLabel(domain.substr(start, dot - start));
    start = dot + 1;
  }
  if (!labels_ok || labels < 2) {
    return EmailError("メールアドレスの「@」より後の部分（ドメイン）が正しくありません。", field,
                      "the domain of the mail address is not valid");
  }
  return absl::OkStatus();
}

// ---- P9 ----

LockoutDecision DecideLogin(absl::Span<const absl::Time> recent_failures, std::optional<absl::Time> locked_until,
                            absl::Time now, const AccountPolicy& policy) {
  LockoutDecision decision;
  decision.counts_failures_after = now - absl::Minutes(policy.lockout_window_minutes());
  if (locked_until.has_value()) {
    // The failures that caused a lock have had their consequence; after the lock they start from zero.
    decision.counts_failures_after = std::max(decision.counts_failures_after, *locked_until);
    if (now < *locked_until) {
      decision.may_attempt = false;
      decision.locked_until = *locked_until;
    }
  }
  decision.failures_in_window = static_cast<int>(
      std::count_if(recent_failures.begin(), recent_failures.end(),
                    [&](absl::Time t) { return t > decision.counts_failures_after; }));
  if (decision.may_attempt && policy.lockout_failures() > 0 &&
      decision.failures_in_window + 1 >= policy.lockout_failures()) {
    decision.lock_if_fails_until = now + absl::Minutes(policy.lockout_minutes());
  }
  return decision;
}

absl::Duration SessionIdleTimeout(shiori::v1::Channel channel, const AccountPolicy& policy) {
  switch (channel) {
    case shiori::v1::TERMINAL:
      return absl::Minutes(policy.session_idle_minutes_terminal());
    case shiori::v1::COUNTER:
    case shiori::v1::SERVICE:
      return absl::Minutes(policy.session_idle_minutes_staff());
    default:
      return absl::Minutes(policy.session_idle_minutes_internet());
  }
}

bool SessionExpired(absl::Time last_seen, absl::Time now, shiori::v1::Channel channel, const AccountPolicy& policy) {
  return now - last_seen >= SessionIdleTimeout(channel, policy);
}

}  // namespace shiori::policy
