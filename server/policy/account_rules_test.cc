// Tests of account_rules.h, one row a scenario naming its rule (P3, P4, P6, P7, P9).
#include "server/policy/account_rules.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "server/common/error.h"

namespace shiori::policy {
namespace {

using shiori::v1::AccountPolicy;
using shiori::v1::PasswordPolicy;

std::string JapaneseOf(const absl::Status& status) {
  auto payload = status.GetPayload(kLocalizedMessageUrl);
  google::rpc::LocalizedMessage msg;
  return payload.has_value() && msg.ParseFromString(std::string(*payload)) ? msg.message() : "";
}

PasswordPolicy DefaultPasswordPolicy() {  // config/policy.textproto
  PasswordPolicy p;
  p.set_min_length(4);
  p.set_max_length(10);
  p.set_argon2_ops_limit(2);
  p.set_argon2_mem_limit_kib(19456);
  return p;
}

AccountPolicy DefaultAccountPolicy() {  // config/policy.textproto
  AccountPolicy p;
  p.set_lockout_failures(5);
  p.set_lockout_window_minutes(15);
  p.set_lockout_minutes(30);
  p.set_session_idle_minutes_internet(30);
  p.set_session_idle_minutes_terminal(3);
  p.set_session_idle_minutes_staff(60);
  p.set_confirmation_token_hours(24);
  p.set_max_email_addresses(2);
  return p;
}

// ---- P3 ----

TEST(NormalizePatronNumberTest, Accepted) {
  struct Row {
    const char* rule;
    const char* typed;
    const char* stored;
  };
  const Row rows[] = {
      {"P3 as printed", "0000003", "0000003"},
      {"P3 full-width digits", "００００００３", "0000003"},
      {"P3 mixed widths", "０００00０3", "0000003"},
      {"P3 surrounding half-width spaces", "  0000003 ", "0000003"},
      {"P3 surrounding full-width spaces", "\u3000００００００３\u3000\u3000", "0000003"},
      {"P3 surrounding tab", "\t0000003\t", "0000003"},
      {"P3 leading zeros kept", "0001", "0001"},
  };
  for (const Row& row : rows) {
    absl::StatusOr<std::string> n = NormalizePatronNumber(row.typed);
    ASSERT_TRUE(n.ok()) << row.rule << ": " << n.status();
    EXPECT_EQ(*n, row.stored) << row.rule;
  }
}

TEST(NormalizePatronNumberTest, Refused) {
  struct Row {
    const char* rule;
    std::string typed;
  };
  const Row rows[] = {
      {"P3 empty", ""},
      {"P3 only spaces", " \u3000 "},
      {"P3 space inside", "000 0003"},
      {"P3 full-width space inside", "000\u30000003"},
      {"P3 hyphen", "000-0003"},
      {"P3 letter", "A000003"},
      {"P3 full-width letter", "Ａ000003"},
      {"P3 kanji digit", "〇〇〇三"},
      {"P3 Arabic-Indic digit", "\u0663"},
      {"P3 malformed UTF-8", "000\xff"},
      {"P3 NUL", std::string("000\0" "3", 5)},
      {"P3 too long", std::string(21, '1')},
  };
  for (const Row& row : rows) {
    absl::StatusOr<std::string> n = NormalizePatronNumber(row.typed);
    ASSERT_FALSE(n.ok()) << row.rule;
    EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument) << row.rule;
    EXPECT_EQ(ReasonOf(n.status()), "INVALID_PATRON_NUMBER") << row.rule;
    EXPECT_EQ(MetadataOf(n.status(), "rule"), "P3") << row.rule;
    EXPECT_THAT(FieldsOf(n.status()), ::testing::ElementsAre("patron_number")) << row.rule;
    EXPECT_FALSE(JapaneseOf(n.status()).empty()) << row.rule;
  }
  EXPECT_TRUE(NormalizePatronNumber(std::string(20, '1')).ok());  // P3: 20 digits still accepted
}

// ---- P6 ----

TEST(CheckPasswordTest, Table) {
  struct Row {
    const char* rule;
    std::string password;
    const char* reason;  // "" = accepted
    const char* japanese_mentions;
  };
  const Row rows[] = {
      {"P6 exactly 4", "abcd", "", ""},
      {"P6 exactly 10", "Abcde12345", "", ""},
      {"P6 digits only", "1234", "", ""},
      {"P6 upper case only", "ABCDEFG", "", ""},
      {"P6 3 characters", "abc", "PASSWORD_TOO_SHORT", "短すぎます"},
      {"P6 empty", "", "PASSWORD_TOO_SHORT", "4文字以上10文字以内"},
      {"P6 11 characters", "abcdefghijk", "PASSWORD_TOO_LONG", "長すぎます"},
      {"P6 full-width letters", "ａｂｃｄ", "PASSWORD_NOT_HALF_WIDTH", "全角"},
      {"P6 full-width digits", "１２３４", "PASSWORD_NOT_HALF_WIDTH", "全角"},
      {"P6 one full-width letter among half-width", "abcｄ", "PASSWORD_NOT_HALF_WIDTH", "半角"},
      {"P6 full-width space", "abc\u3000d", "PASSWORD_NOT_HALF_WIDTH", "全角"},
      {"P6 hiragana", "あいうえ", "PASSWORD_NOT_HALF_WIDTH", "全角"},
      {"P6 kanji", "図書館abc", "PASSWORD_NOT_HALF_WIDTH", "全角"},
      {"P6 full-width symbol", "abc！", "PASSWORD_NOT_HALF_WIDTH", "全角"},
      {"P6 full-width wins over other characters", "ａ-b_c", "PASSWORD_NOT_HALF_WIDTH", "全角"},
      {"P6 full-width wins over length (3 full-width chars)", "ａｂｃ", "PASSWORD_NOT_HALF_WIDTH", "全角"},
      {"P6 non-ASCII letter é", "café1", "PASSWORD_INVALID_CHARACTER", "使えない文字"},
      {"P6 non-ASCII letter ß", "straße", "PASSWORD_INVALID_CHARACTER", "A〜Z"},
      {"P6 symbol", "abc-123", "PASSWORD_INVALID_CHARACTER", "記号"},
      {"P6 underscore", "abc_123", "PASSWORD_INVALID_CHARACTER", "使えない文字"},
      {"P6 half-width space", "abc 123", "PASSWORD_INVALID_CHARACTER", "空白"},
      {"P6 half-width katakana", "ｱｲｳｴ", "PASSWORD_INVALID_CHARACTER", "使えない文字"},
      {"P6 control character", "abc\t123", "PASSWORD_INVALID_CHARACTER", "使えない文字"},
      {"P6 malformed UTF-8", "abc\xc3", "PASSWORD_INVALID_CHARACTER", "使えない文字"},
      {"P6 symbols and too long", "!!!!!!!!!!!!", "PASSWORD_INVALID_CHARACTER", "使えない文字"},
  };
  const PasswordPolicy policy = DefaultPasswordPolicy();
  for (const Row& row : rows) {
    absl::Status s = CheckPassword(row.password, policy);
    if (*row.reason == '\0') {
      EXPECT_TRUE(s.ok()) << row.rule << ": " << s;
      continue;
    }
    ASSERT_FALSE(s.ok()) << row.rule;
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << row.rule;
    EXPECT_EQ(ReasonOf(s), row.reason) << row.rule;
    EXPECT_EQ(MetadataOf(s, "rule"), "P6") << row.rule;
    EXPECT_THAT(FieldsOf(s), ::testing::ElementsAre("password")) << row.rule;
    EXPECT_THAT(JapaneseOf(s), ::testing::HasSubstr(row.japanese_mentions)) << row.rule;
    if (!row.password.empty()) {  // P9: the error never repeats the password
      EXPECT_THAT(std::string(s.message()), ::testing::Not(::testing::HasSubstr(row.password))) << row.rule;
    }
  }
}

TEST(CheckPasswordTest, LengthsComeFromPolicy) {  // P6 [seed] values live in the config
  PasswordPolicy policy = DefaultPasswordPolicy();
  policy.set_min_length(6);
  policy.set_max_length(8);
  EXPECT_EQ(ReasonOf(CheckPassword("abcde", policy)), "PASSWORD_TOO_SHORT");
  EXPECT_TRUE(CheckPassword("abcdef", policy).ok());
  EXPECT_TRUE(CheckPassword("abcdefgh", policy).ok());
  absl::Status s = CheckPassword("abcdefghi", policy);
  EXPECT_EQ(ReasonOf(s), "PASSWORD_TOO_LONG");
  EXPECT_EQ(MetadataOf(s, "max_length"), "8");
  EXPECT_THAT(JapaneseOf(s), ::testing::HasSubstr("6文字以上8文字以内"));
}

TEST(CheckPasswordTest, FieldNameForAChangedPassword) {  // P5, P6
  absl::Status s = CheckPassword("ａｂｃｄ", DefaultPasswordPolicy(), "new_password");
  EXPECT_THAT(FieldsOf(s), ::testing::ElementsAre("new_password"));
}

TEST(CheckPasswordCharactersTest, IgnoresLength) {  // P6, P8: the login hint checks characters only
  EXPECT_TRUE(CheckPasswordCharacters("ab").ok());
  EXPECT_TRUE(CheckPasswordCharacters("abcdefghijklmnop").ok());
  EXPECT_EQ(ReasonOf(CheckPasswordCharacters("ａｂ")), "PASSWORD_NOT_HALF_WIDTH");
  EXPECT_EQ(ReasonOf(CheckPasswordCharacters("a@b")), "PASSWORD_INVALID_CHARACTER");
}

// ---- P4 ----

TEST(NormalizeKanaTest, Table) {
  struct Row {
    const char* rule;
    const char* given;
    const char* normalized;
  };
  const Row rows[] = {
      {"P4 full-width katakana with a space", "シオリ ハナコ", "シオリハナコ"},
      {"P4 full-width space", "シオリ\u3000ハナコ", "シオリハナコ"},
      {"P4 no space", "シオリハナコ", "シオリハナコ"},
      {"P4 half-width katakana", "ｼｵﾘ ﾊﾅｺ", "シオリハナコ"},
      {"P4 half-width voiced kana composed", "ｶﾞｯｺｳ ﾀﾛｳ", "ガッコウタロウ"},
      {"P4 half-width semi-voiced kana composed", "ﾊﾟﾝ", "パン"},
      {"P4 hiragana", "しおり はなこ", "シオリハナコ"},
      {"P4 hiragana with voiced kana", "がっこう", "ガッコウ"},
      {"P4 spacing voiced mark", "か゛", "ガ"},
      {"P4 middle dot", "スミス・ジョン", "スミスジョン"},
      {"P4 half-width long vowel", "ｺｰﾋｰ", "コーヒー"},
      {"P4 small kana stay small", "ッャュョァ", "ッャュョァ"},
  };
  for (const Row& row : rows) EXPECT_EQ(NormalizeKana(row.given), row.normalized) << row.rule;
  for (const Row& row : rows) EXPECT_TRUE(IsKanaName(row.given)) << row.rule;
}

TEST(IsKanaNameTest, OnlyKana) {  // P4: 氏名カナ
  for (const char* given : {"", " ", "yamada", "ヤマダ taro", "山田 タロウ", "ヤマダ1"}) {
    EXPECT_FALSE(IsKanaName(given)) << given;
  }
}

TEST(NormalizePhoneTest, Table) {
  struct Row {
    const char* rule;
    const char* given;
    const char* normalized;
  };
  const Row rows[] = {
      {"P4 with hyphens", "06-0000-0003", "0600000003"},
      {"P4 digits only", "0600000003", "0600000003"},
      {"P4 full-width digits", "０６０００００００３", "0600000003"},
      {"P4 full-width digits and hyphens", "０６－００００－０００３", "0600000003"},
      {"P4 long vowel mark typed as hyphen", "06ー0000ー0003", "0600000003"},
      {"P4 dashes", "06\u20100000\u22120003", "0600000003"},
      {"P4 parentheses", "06(0000)0003", "0600000003"},
      {"P4 full-width parentheses", "０６（００００）０００３", "0600000003"},
      {"P4 spaces", " 06 0000 0003\u3000", "0600000003"},
      {"P4 other characters are kept", "06x0000", "06x0000"},
  };
  for (const Row& row : rows) EXPECT_EQ(NormalizePhone(row.given), row.normalized) << row.rule;
}

TEST(RegistrationMatchesTest, Table) {
  // The demo patron 0000003.
  const char* kKana = "シオリ ハナコ";
  const char* kPhone = "06-0000-0003";
  struct Row {
    const char* rule;
    const char* kana;
    const char* phone;
    bool matches;
  };
  const Row rows[] = {
      {"P4 exactly as recorded", "シオリ ハナコ", "06-0000-0003", true},
      {"P4 no space, no hyphens", "シオリハナコ", "0600000003", true},
      {"P4 half-width kana matches full-width", "ｼｵﾘ ﾊﾅｺ", "06-0000-0003", true},
      {"P4 hiragana matches katakana", "しおり　はなこ", "06-0000-0003", true},
      {"P4 phone with full-width digits and hyphens", "シオリ ハナコ", "０６－００００－０００３", true},
      {"P4 phone in parentheses", "シオリ ハナコ", "06(0000)0003", true},
      {"P4 wrong kana", "シオリ タロウ", "06-0000-0003", false},
      {"P4 voiced instead of unvoiced", "ジオリ ハナコ", "06-0000-0003", false},
      {"P4 semi-voiced instead of unvoiced", "シオリ パナコ", "06-0000-0003", false},
      {"P4 wrong phone", "シオリ ハナコ", "06-0000-0004", false},
      {"P4 phone missing a digit", "シオリ ハナコ", "06-0000-000", false},
      {"P4 empty kana", "", "06-0000-0003", false},
      {"P4 empty phone", "シオリ ハナコ", "", false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(RegistrationMatches(kKana, kPhone, row.kana, row.phone), row.matches) << row.rule;
  }
}

TEST(RegistrationMatchesTest, SmallAndLargeKanaAreDistinct) {
  struct Row {
    const char* rule;
    const char* record;
    const char* given;
    bool matches;
  };
  const Row rows[] = {
      {"P4 small ッ is not ツ", "ハットリ", "ハツトリ", false},
      {"P4 small ャ is not ヤ", "キャマ", "キヤマ", false},
      {"P4 small ュ is not ユ", "リュウ", "リユウ", false},
      {"P4 small ョ is not ヨ", "キョウコ", "キヨウコ", false},
      {"P4 small ァ is not ア", "ファン", "フアン", false},
      {"P4 voiced ガ is not カ", "ガトウ", "カトウ", false},
      {"P4 voiced ヅ is not ツ", "ミヅキ", "ミツキ", false},
      {"P4 semi-voiced パ is not ハ", "パク", "ハク", false},
      {"P4 voiced バ is not semi-voiced パ", "バク", "パク", false},
      {"P4 half-width small ｯ matches ッ", "ハットリ", "ﾊｯﾄﾘ", true},
      {"P4 half-width ﾂ is not ッ", "ハットリ", "ﾊﾂﾄﾘ", false},
      {"P4 half-width voiced ｶﾞ matches ガ", "ガトウ", "ｶﾞﾄｳ", true},
      {"P4 half-width unvoiced ｶ is not ガ", "ガトウ", "ｶﾄｳ", false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(RegistrationMatches(row.record, "0600000003", row.given, "0600000003"), row.matches) << row.rule;
  }
}

TEST(RegistrationMatchesTest, RecordWithoutPhoneNeverMatches) {  // P4
  EXPECT_FALSE(RegistrationMatches("シオリ ハナコ", "", "シオリ ハナコ", ""));
  EXPECT_FALSE(RegistrationMatches("", "0600000003", "", "0600000003"));
}

TEST(ConfirmationTokenTest, ExpiresAfterPolicyHours) {  // P4, P7 [default 24 h]
  const AccountPolicy policy = DefaultAccountPolicy();
  const absl::Time issued = absl::FromUnixSeconds(1'700'000'000);
  EXPECT_EQ(ConfirmationExpiry(issued, policy), issued + absl::Hours(24));
  EXPECT_FALSE(ConfirmationExpired(issued, issued, policy));
  EXPECT_FALSE(ConfirmationExpired(issued, issued + absl::Hours(24) - absl::Seconds(1), policy));
  EXPECT_TRUE(ConfirmationExpired(issued, issued + absl::Hours(24), policy));
}

// ---- P7 ----

// Three labels of 63 characters and one of `last`, dot-separated: a long but well-formed domain.
std::string Labels(int last) {
  const std::string label(63, 'b');
  return absl::StrCat(label, ".", label, ".", label, ".", std::string(last, 'c'));
}

TEST(CheckEmailAddressTest, Table) {
  struct Row {
    const char* rule;
    std::string address;
    bool ok;
    const char* japanese_mentions;
  };
  const Row rows[] = {
      {"P7 plain", "hanako@example.jp", true, ""},
      {"P7 subdomains", "hanako.shiori@mail.city.example.lg.jp", true, ""},
      {"P7 plus and digits", "hanako+library@example.co.jp", true, ""},
      {"P7 old carrier address with consecutive dots", "taro..hanako.@docomo.ne.jp", true, ""},
      {"P7 hyphen inside a label", "a@my-mail.example.jp", true, ""},
      {"P7 empty", "", false, "入力"},
      {"P7 no @", "hanako.example.jp", false, "@"},
      {"P7 two @", "hanako@home@example.jp", false, "2つ以上"},
      {"P7 full-width @", "hanako＠example.jp", false, "全角"},
      {"P7 full-width letters", "ｈａｎａｋｏ@example.jp", false, "全角"},
      {"P7 non-ASCII letter", "café@example.jp", false, "使えない文字"},
      {"P7 space", "hanako @example.jp", false, "空白"},
      {"P7 full-width space", "hanako\u3000@example.jp", false, "全角"},
      {"P7 control character", "hanako\n@example.jp", false, "空白"},
      {"P7 empty local part", "@example.jp", false, "前"},
      {"P7 bracket in local part", "han<ako>@example.jp", false, "前"},
      {"P7 local part of 65", std::string(65, 'a') + "@example.jp", false, "前"},
      {"P7 local part of 64", std::string(64, 'a') + "@example.jp", true, ""},
      {"P7 empty domain", "hanako@", false, "ドメイン"},
      {"P7 domain without a dot", "hanako@localhost", false, "ドメイン"},
      {"P7 domain with empty label", "hanako@example..jp", false, "ドメイン"},
      {"P7 domain ends with a dot", "hanako@example.jp.", false, "ドメイン"},
      {"P7 domain label starts with hyphen", "hanako@-example.jp", false, "ドメイン"},
      {"P7 underscore in domain", "hanako@ex_ample.jp", false, "ドメイン"},
      {"P7 label of 64", "a@" + std::string(64, 'b') + ".jp", false, "ドメイン"},
      {"P7 254 characters", "a@" + Labels(57) + ".jp", true, ""},
      {"P7 255 characters", "a@" + Labels(58) + ".jp", false, "長すぎます"},
  };
  for (const Row& row : rows) {
    absl::Status s = CheckEmailAddress(row.address);
    if (row.ok) {
      EXPECT_TRUE(s.ok()) << row.rule << ": " << s;
      continue;
    }
    ASSERT_FALSE(s.ok()) << row.rule;
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << row.rule;
    EXPECT_EQ(ReasonOf(s), "INVALID_EMAIL_ADDRESS") << row.rule;
    EXPECT_EQ(MetadataOf(s, "rule"), "P7") << row.rule;
    EXPECT_THAT(FieldsOf(s), ::testing::ElementsAre("email")) << row.rule;
    EXPECT_THAT(JapaneseOf(s), ::testing::HasSubstr(row.japanese_mentions)) << row.rule;
  }
}

// ---- P9: lockout ----

// Applies one attempt as the app would: the failures and lock of one account, attempted at `now`.
struct Account {
  std::vector<absl::Time> failures;
  std::optional<absl::Time> locked_until;

  // Returns whether the password was checked at all.
  bool Attempt(absl::Time now, bool correct, const AccountPolicy& policy) {
    LockoutDecision d = DecideLogin(failures, locked_until, now, policy);
    if (!d.may_attempt) return false;
    if (correct) {
      failures.clear();
    } else {
      failures.push_back(now);
      if (d.lock_if_fails_until) locked_until = d.lock_if_fails_until;
    }
    return true;
  }
};

TEST(LockoutTest, Sequences) {
  const AccountPolicy policy = DefaultAccountPolicy();
  const absl::Time t0 = absl::FromUnixSeconds(1'700'000'000);
  auto at = [&](double minutes) { return t0 + absl::Seconds(minutes * 60); };
  struct Step {
    double minute;
    bool correct;
    bool checked;  // expected: the password was checked (not locked)
  };
  struct Row {
    const char* rule;
    std::vector<Step> steps;
  };
  const Row rows[] = {
      {"P9 4 failures are fine, the 5th attempt is checked",
       {{0, false, true}, {1, false, true}, {2, false, true}, {3, false, true}, {4, true, true}}},
      {"P9 the 5th failure locks",
       {{0, false, true}, {1, false, true}, {2, false, true}, {3, false, true}, {4, false, true},
        {5, true, false}}},
      {"P9 locked even with the correct password until 30 minutes pass",
       {{0, false, true}, {1, false, true}, {2, false, true}, {3, false, true}, {4, false, true},
        {33.9, true, false}, {34, true, true}}},
      {"P9 the lock expires after 30 minutes and counting starts again",
       {{0, false, true}, {1, false, true}, {2, false, true}, {3, false, true}, {4, false, true},
        {34, false, true}, {35, false, true}, {36, false, true}, {37, false, true}, {38, true, true}}},
      {"P9 attempts during a lock do not extend it",
       {{0, false, true}, {1, false, true}, {2, false, true}, {3, false, true}, {4, false, true},
        {10, false, false}, {20, false, false}, {34, true, true}}},
      {"P9 failures older than the window do not count",
       {{0, false, true}, {1, false, true}, {2, false, true}, {3, false, true}, {15, false, true},
        {16, true, true}}},
      {"P9 exactly 15 minutes old no longer counts",
       {{0, false, true}, {5, false, true}, {6, false, true}, {7, false, true}, {15, false, true},
        {15.5, true, true}}},
      {"P9 5 failures within 15 minutes lock",
       {{0, false, true}, {5, false, true}, {10, false, true}, {12, false, true}, {14.9, false, true},
        {15, true, false}}},
      {"P9 a correct login resets the count",
       {{0, false, true}, {1, false, true}, {2, false, true}, {3, false, true}, {4, true, true},
        {5, false, true}, {6, false, true}, {7, false, true}, {8, false, true}, {9, true, true}}},
  };
  for (const Row& row : rows) {
    Account account;
    for (size_t i = 0; i < row.steps.size(); ++i) {
      const Step& step = row.steps[i];
      EXPECT_EQ(account.Attempt(at(step.minute), step.correct, policy), step.checked)
          << row.rule << " (attempt " << i + 1 << " at minute " << step.minute << ")";
    }
  }
}

TEST(LockoutTest, DecisionValues) {  // P9
  const AccountPolicy policy = DefaultAccountPolicy();
  const absl::Time now = absl::FromUnixSeconds(1'700'000'000);
  const std::vector<absl::Time> four = {now - absl::Minutes(20), now - absl::Minutes(4), now - absl::Minutes(3),
                                        now - absl::Minutes(2), now - absl::Minutes(1)};
  LockoutDecision d = DecideLogin(four, std::nullopt, now, policy);
  EXPECT_TRUE(d.may_attempt);
  EXPECT_EQ(d.failures_in_window, 4);
  EXPECT_EQ(d.counts_failures_after, now - absl::Minutes(15));
  ASSERT_TRUE(d.lock_if_fails_until.has_value());
  EXPECT_EQ(*d.lock_if_fails_until, now + absl::Minutes(30));

  d = DecideLogin({}, std::nullopt, now, policy);
  EXPECT_TRUE(d.may_attempt);
  EXPECT_FALSE(d.lock_if_fails_until.has_value());
  EXPECT_FALSE(d.locked_until.has_value());

  d = DecideLogin({}, now + absl::Minutes(1), now, policy);
  EXPECT_FALSE(d.may_attempt);
  EXPECT_EQ(d.locked_until, now + absl::Minutes(1));
  EXPECT_FALSE(d.lock_if_fails_until.has_value());
}

TEST(LockoutTest, ValuesComeFromPolicy) {  // P9 [default] numbers live in the config
  AccountPolicy policy = DefaultAccountPolicy();
  policy.set_lockout_failures(3);
  policy.set_lockout_window_minutes(5);
  policy.set_lockout_minutes(10);
  const absl::Time now = absl::FromUnixSeconds(1'700'000'000);
  LockoutDecision d = DecideLogin({now - absl::Minutes(4), now - absl::Minutes(1)}, std::nullopt, now, policy);
  EXPECT_EQ(d.lock_if_fails_until, now + absl::Minutes(10));
  d = DecideLogin({now - absl::Minutes(6), now - absl::Minutes(1)}, std::nullopt, now, policy);
  EXPECT_FALSE(d.lock_if_fails_until.has_value());

  policy.set_lockout_failures(0);  // lockout switched off
  d = DecideLogin(std::vector<absl::Time>(50, now), std::nullopt, now, policy);
  EXPECT_TRUE(d.may_attempt);
  EXPECT_FALSE(d.lock_if_fails_until.has_value());
}

TEST(LockoutTest, OneNumberNeverLocksAnother) {  // P9: the decision reads only one account's values
  const AccountPolicy policy = DefaultAccountPolicy();
  const absl::Time t0 = absl::FromUnixSeconds(1'700'000'000);
  Account attacked, other;
  for (int i = 0; i < 5; ++i) attacked.Attempt(t0 + absl::Minutes(i), false, policy);
  EXPECT_FALSE(attacked.Attempt(t0 + absl::Minutes(6), true, policy));
  EXPECT_TRUE(other.Attempt(t0 + absl::Minutes(6), true, policy));
}

// ---- P9: sessions ----

TEST(SessionTest, IdleTimeoutPerChannel) {
  const AccountPolicy policy = DefaultAccountPolicy();
  struct Row {
    const char* rule;
    shiori::v1::Channel channel;
    absl::Duration timeout;
  };
  const Row rows[] = {
      {"P9 internet 30 minutes", shiori::v1::INTERNET, absl::Minutes(30)},
      {"P9 unspecified is internet", shiori::v1::CHANNEL_UNSPECIFIED, absl::Minutes(30)},
      {"P9 in-library terminal 3 minutes", shiori::v1::TERMINAL, absl::Minutes(3)},
      {"P9 staff desk", shiori::v1::COUNTER, absl::Minutes(60)},
      {"P9 other systems", shiori::v1::SERVICE, absl::Minutes(60)},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(SessionIdleTimeout(row.channel, policy), row.timeout) << row.rule;
    const absl::Time last_seen = absl::FromUnixSeconds(1'700'000'000);
    EXPECT_FALSE(SessionExpired(last_seen, last_seen, row.channel, policy)) << row.rule;
    EXPECT_FALSE(SessionExpired(last_seen, last_seen + row.timeout - absl::Seconds(1), row.channel, policy))
        << row.rule;
    EXPECT_TRUE(SessionExpired(last_seen, last_seen + row.timeout, row.channel, policy)) << row.rule;
  }
}

TEST(SessionTest, TerminalExpiresBeforeInternet) {  // P9
  const AccountPolicy policy = DefaultAccountPolicy();
  const absl::Time last_seen = absl::FromUnixSeconds(1'700'000'000);
  const absl::Time now = last_seen + absl::Minutes(5);
  EXPECT_TRUE(SessionExpired(last_seen, now, shiori::v1::TERMINAL, policy));
  EXPECT_FALSE(SessionExpired(last_seen, now, shiori::v1::INTERNET, policy));
}

}  // namespace
}  // namespace shiori::policy
