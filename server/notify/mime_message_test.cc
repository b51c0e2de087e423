// MIME output read back by Python's email package (rule M1): Japanese subjects, names and bodies round-trip,
// encoded words hold whole characters, every line stays within 78 characters.
#include "server/notify/mime_message.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/clock.h"
#include "server/common/error.h"
#include "server/notify/python_email_test.h"

namespace shiori::notify {
namespace {

using ::shiori::notify::testing::CrlfLines;
using ::shiori::notify::testing::ParseMail;

absl::Time May8() { return absl::FromCivil(absl::CivilSecond(2024, 5, 8, 9, 30, 0), TokyoZone()); }

MailMessage BaseMessage() {
  MailMessage m;
  m.from = {"しおり市立図書館", "noreply@library.city.example"};
  m.to = {{"髙橋 ｶﾀｶﾅ", "takahashi@example.jp"}};
  m.subject = "予約資料のご用意ができました";
  m.body = "本文です。\n";
  m.date = May8();
  m.dedupe_key = "ready:42:2024-05-08T09:30:00";
  return m;
}

std::string Repeat(absl::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) absl::StrAppend(&out, s);
  return out;
}

std::string LongBody() {
  std::string body;
  for (int i = 0; i < 120; ++i) absl::StrAppend(&body, i, "行目：ｶﾀｶﾅ①髙 の資料 = 50% off\n");
  absl::StrAppend(&body, Repeat("とても長い一行の文章", 60), "\n");  // one line of 600 characters
  absl::StrAppend(&body, "From the library\n.\n行末に空白   \n\t字下げ\n");
  absl::StrAppend(&body, Repeat("a", 200), "\n", Repeat("📚", 40), "\n");
  return body;
}

struct RoundTripCase {
  const char* rule;
  const char* name;
  std::string subject;
  std::string body;
};

std::vector<RoundTripCase> RoundTripCases() {
  return {
      {"M1", "half-width kana", "ｶﾀｶﾅのご案内ｰﾟﾞ", "ﾊﾝｶｸｶﾀｶﾅの本文です。\n"},
      {"M1", "circled digit", "①②③ 丸数字の資料", "予約番号①\n"},
      {"M1", "IBM extension kanji", "髙橋様 予約資料のご用意", "髙﨑 㐂 の資料\n"},
      {"M1", "very long subject",
       absl::StrCat("【しおり市立図書館】", Repeat("予約資料のご用意ができました。ｶﾀｶﾅ①髙", 8), "📚終"),
       "短い本文\n"},
      {"M1", "long body", "新着資料のお知らせ（2024年5月）", LongBody()},
      {"M1", "plain ASCII", "Your reservation is ready", "Hello\n"},
      {"M1", "ASCII with an unbreakable word", absl::StrCat("Link ", Repeat("x", 90)), "body\n"},
      {"M1", "looks like an encoded word", "=?UTF-8?B?5pys?= is literal text", "body\n"},
      {"M1", "body without final line break", "件名", "最後の行に改行なし"},
      {"M1", "CRLF body", "件名", "一行目\r\n二行目\r\n"},
  };
}

struct Encodings {
  WordEncoding words;
  BodyEncoding body;
  const char* name;
};

constexpr Encodings kEncodings[] = {
    {WordEncoding::kBase64, BodyEncoding::kBase64, "B words, base64 body"},
    {WordEncoding::kQuotedPrintable, BodyEncoding::kQuotedPrintable, "Q words, quoted-printable body"},
    {WordEncoding::kBase64, BodyEncoding::kQuotedPrintable, "B words, quoted-printable body"},
};

TEST(MimeMessageTest, SubjectAndBodyRoundTripThroughPythonEmail) {  // M1
  for (const RoundTripCase& c : RoundTripCases()) {
    for (const Encodings& e : kEncodings) {
      SCOPED_TRACE(absl::StrCat(c.rule, " ", c.name, " / ", e.name));
      MailMessage m = BaseMessage();
      m.subject = c.subject;
      m.body = c.body;
      m.word_encoding = e.words;
      m.body_encoding = e.body;
      absl::StatusOr<std::string> text = BuildMimeMessage(m);
      ASSERT_TRUE(text.ok()) << text.status();

      // 7-bit only, CRLF only, header lines within 78 and body lines within 76.
      for (char ch : *text) ASSERT_EQ(static_cast<unsigned char>(ch) & 0x80, 0);
      bool in_body = false;
      for (const std::string& line : CrlfLines(*text)) {
        if (line.empty()) in_body = true;
        EXPECT_LE(line.size(), in_body ? 76u : 78u) << line;
      }

      const nlohmann::json parsed = ParseMail(*text);
      ASSERT_FALSE(parsed.empty());
      EXPECT_EQ(parsed["subject"], c.subject);
      std::string expected_body = absl::StrReplaceAll(c.body, {{"\r\n", "\n"}});
      if (!absl::EndsWith(expected_body, "\n")) expected_body.push_back('\n');
      EXPECT_EQ(parsed["body"], expected_body);
      EXPECT_EQ(parsed["from"][0]["name"], "しおり市立図書館");
      EXPECT_EQ(parsed["from"][0]["addr"], "noreply@library.city.example");
      EXPECT_EQ(parsed["to"][0]["name"], "髙橋 ｶﾀｶﾅ");
      EXPECT_EQ(parsed["to"][0]["addr"], "takahashi@example.jp");
      EXPECT_EQ(parsed["content_type"], "text/plain");
      EXPECT_EQ(parsed["charset"], "utf-8");
      EXPECT_TRUE(parsed["defects"].empty()) << parsed["defects"];
      for (const auto& [header, defects] : parsed["header_defects"].items()) {
        EXPECT_TRUE(defects.empty()) << header << ": " << defects;
      }
      // Each encoded word decodes to whole characters on its own and is at most 75 characters (RFC 2047).
      for (const auto& [header, words] : parsed["words"].items()) {
        for (const auto& word : words) {
          EXPECT_TRUE(word["whole_chars"].get<bool>()) << header << ": " << word["word"];
          EXPECT_LE(word["length"].get<int>(), 75) << header << ": " << word["word"];
        }
      }
    }
  }
}

TEST(MimeMessageTest, LongSubjectIsSplitIntoSeveralFoldedWords) {  // M1
  MailMessage m = BaseMessage();
  m.subject = Repeat("予約資料のご用意ができました", 6);
  absl::StatusOr<std::string> text = BuildMimeMessage(m);
  ASSERT_TRUE(text.ok()) << text.status();
  const size_t start = text->find("Subject:");
  const size_t end = text->find("\r\nMessage-ID:");
  const std::string subject = text->substr(start, end - start);
  EXPECT_GE(std::count(subject.begin(), subject.end(), '\n'), 3) << subject;
  EXPECT_THAT(subject, ::testing::StartsWith("Subject: =?UTF-8?B?"));
}

TEST(MimeMessageTest, HeadersHaveDateMessageIdAndMime) {  // M1
  MailMessage m = BaseMessage();
  absl::StatusOr<std::string> text = BuildMimeMessage(m);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_THAT(*text, ::testing::StartsWith("Date: Wed, 08 May 2024 09:30:00 +0900\r\n"));
  EXPECT_THAT(*text, ::testing::HasSubstr("\r\nMIME-Version: 1.0\r\n"));
  EXPECT_THAT(*text, ::testing::HasSubstr("\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
  EXPECT_THAT(*text, ::testing::HasSubstr("\r\nContent-Transfer-Encoding: base64\r\n"));
  EXPECT_THAT(*text, ::testing::Not(::testing::HasSubstr("List-Unsubscribe")));
  const nlohmann::json parsed = ParseMail(*text);
  EXPECT_EQ(parsed["date"], "Wed, 08 May 2024 09:30:00 +0900");
  absl::StatusOr<std::string> id = MessageIdFor(m.dedupe_key, "library.city.example");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(parsed["message_id"], absl::StrCat("<", *id, ">"));
  EXPECT_EQ(parsed["cte"], "base64");
}

TEST(MimeMessageTest, SameInputGivesSameBytes) {  // M1: a retried send is the same message
  absl::StatusOr<std::string> a = BuildMimeMessage(BaseMessage());
  absl::StatusOr<std::string> b = BuildMimeMessage(BaseMessage());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(MimeMessageTest, MessageIdIsDerivedFromDedupeKey) {  // M1
  absl::StatusOr<std::string> a = MessageIdFor("ready:42:2024-05-08T09:30:00", "library.city.example");
  absl::StatusOr<std::string> again = MessageIdFor("ready:42:2024-05-08T09:30:00", "library.city.example");
  absl::StatusOr<std::string> other = MessageIdFor("ready:43:2024-05-08T09:30:00", "library.city.example");
  ASSERT_TRUE(a.ok() && again.ok() && other.ok());
  EXPECT_EQ(*a, *again);
  EXPECT_NE(*a, *other);
  // A readable prefix of the key, then its hash; the whole fits "Message-ID: <…>" within 78 characters.
  EXPECT_THAT(*a, ::testing::MatchesRegex("ready\\.42\\.2024-05-08T09[0-9.]*\\.[0-9a-f]{16}@library\\.city\\.example"));
  EXPECT_LE(a->size(), 64u);
  const std::string long_domain = absl::StrCat(Repeat("mail.", 11), "example");
  absl::StatusOr<std::string> bare = MessageIdFor("ready:42", long_domain);
  ASSERT_TRUE(bare.ok());
  EXPECT_THAT(*bare, ::testing::MatchesRegex(absl::StrCat("[0-9a-f]{16}@", long_domain)));
  EXPECT_FALSE(MessageIdFor("", "library.city.example").ok());
  EXPECT_FALSE(MessageIdFor("k", "bad domain").ok());

  MailMessage given = BaseMessage();
  given.message_id = "fixed.1@library.city.example";
  absl::StatusOr<std::string> text = BuildMimeMessage(given);
  ASSERT_TRUE(text.ok());
  EXPECT_THAT(*text, ::testing::HasSubstr("\r\nMessage-ID: <fixed.1@library.city.example>\r\n"));
}

TEST(MimeMessageTest, ListUnsubscribeForNewArrivals) {  // N1, N6
  MailMessage m = BaseMessage();
  m.list_unsubscribe = {"https://library.city.example/u?t=AbC123", "mailto:unsubscribe@library.city.example"};
  m.list_unsubscribe_one_click = true;
  absl::StatusOr<std::string> text = BuildMimeMessage(m);
  ASSERT_TRUE(text.ok()) << text.status();
  const nlohmann::json parsed = ParseMail(*text);
  EXPECT_EQ(parsed["list_unsubscribe"],
            "<https://library.city.example/u?t=AbC123>, <mailto:unsubscribe@library.city.example>");
  EXPECT_EQ(parsed["list_unsubscribe_post"], "List-Unsubscribe=One-Click");
  for (const std::string& line : CrlfLines(*text)) EXPECT_LE(line.size(), 78u) << line;
}

TEST(MimeMessageTest, OverlongUnsubscribeUriIsFoldedInsideBrackets) {  // M1 (RFC 2369 ignores that space)
  MailMessage m = BaseMessage();
  const std::string uri = absl::StrCat("https://library.city.example/alerts/unsubscribe?token=", Repeat("Zx9", 30));
  m.list_unsubscribe = {uri};
  absl::StatusOr<std::string> text = BuildMimeMessage(m);
  ASSERT_TRUE(text.ok()) << text.status();
  for (const std::string& line : CrlfLines(*text)) EXPECT_LE(line.size(), 78u) << line;
  const nlohmann::json parsed = ParseMail(*text);
  EXPECT_EQ(absl::StrReplaceAll(parsed["list_unsubscribe"].get<std::string>(), {{" ", ""}}),
            absl::StrCat("<", uri, ">"));
}

TEST(MimeMessageTest, SeveralRecipientsAndPlainNames) {  // M1
  MailMessage m = BaseMessage();
  m.from = {"Shiori City Library", "noreply@library.city.example"};
  m.to = {{"", "a@example.jp"}, {"山田 花子", "hanako@example.jp"}, {"Taro (staff)", "taro@example.jp"}};
  absl::StatusOr<std::string> text = BuildMimeMessage(m);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_THAT(*text, ::testing::HasSubstr("\r\nFrom: Shiori City Library <noreply@library.city.example>\r\n"));
  const nlohmann::json parsed = ParseMail(*text);
  ASSERT_EQ(parsed["to"].size(), 3u);
  EXPECT_EQ(parsed["to"][0]["addr"], "a@example.jp");
  EXPECT_EQ(parsed["to"][1]["name"], "山田 花子");
  EXPECT_EQ(parsed["to"][2]["name"], "Taro (staff)");
  EXPECT_EQ(parsed["to"][2]["addr"], "taro@example.jp");
}

struct RefusalCase {
  const char* rule;
  const char* name;
  void (*change)(MailMessage&);
  const char* field;
};

TEST(MimeMessageTest, RefusesWhatCouldBreakOrInjectHeaders) {  // M1
  const RefusalCase cases[] = {
      {"M1", "line break in subject", [](MailMessage& m) { m.subject = "本\r\nBcc: evil@example.com"; }, "subject"},
      {"M1", "control character in subject", [](MailMessage& m) { m.subject = "a\x01z"; }, "subject"},
      {"M1", "invalid UTF-8 subject", [](MailMessage& m) { m.subject = "\xE9\x81"; }, "subject"},
      {"M1", "line break in a name", [](MailMessage& m) { m.to[0].display_name = "a\nBcc: x@y.jp"; },
       "to[0].display_name"},
      {"M1", "address with CRLF", [](MailMessage& m) { m.to[0].address = "a@x.jp\r\nBcc: b@y.jp"; }, "to[0]"},
      {"M1", "no recipient", [](MailMessage& m) { m.to.clear(); }, "to"},
      {"M1", "bad sender", [](MailMessage& m) { m.from.address = "noreply"; }, "from"},
      {"M1", "invalid UTF-8 body", [](MailMessage& m) { m.body = "ok \xFF"; }, "body"},
      {"M1", "no Message-ID source", [](MailMessage& m) { m.dedupe_key.clear(); }, "message_id"},
      {"M1", "bracketed Message-ID", [](MailMessage& m) { m.message_id = "<a@b.jp>"; }, "message_id"},
      {"N6", "unsubscribe URI with space", [](MailMessage& m) { m.list_unsubscribe = {"https://x.jp/a b"}; },
       "list_unsubscribe[0]"},
      {"N6", "one-click without https",
       [](MailMessage& m) {
         m.list_unsubscribe = {"mailto:u@x.jp"};
         m.list_unsubscribe_one_click = true;
       },
       "list_unsubscribe"},
  };
  for (const RefusalCase& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.rule, " ", c.name));
    MailMessage m = BaseMessage();
    c.change(m);
    absl::StatusOr<std::string> text = BuildMimeMessage(m);
    ASSERT_FALSE(text.ok());
    EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(text.status().message()), ::testing::HasSubstr(c.field));
  }
}

TEST(MimeMessageTest, DatesAreRfc5322InTokyo) {  // M1
  struct Row {
    absl::CivilSecond tokyo;
    const char* expected;
  };
  const Row rows[] = {
      {absl::CivilSecond(2024, 5, 8, 9, 30, 0), "Wed, 08 May 2024 09:30:00 +0900"},
      {absl::CivilSecond(2024, 1, 1, 0, 0, 0), "Mon, 01 Jan 2024 00:00:00 +0900"},
      {absl::CivilSecond(2024, 2, 29, 23, 59, 59), "Thu, 29 Feb 2024 23:59:59 +0900"},
      {absl::CivilSecond(2023, 12, 31, 8, 5, 9), "Sun, 31 Dec 2023 08:05:09 +0900"},
  };
  for (const Row& r : rows) EXPECT_EQ(Rfc5322Date(absl::FromCivil(r.tokyo, TokyoZone())), r.expected);
}

TEST(MailAddressTest, AcceptsAddrSpecsOnly) {  // P7
  struct Row {
    const char* address;
    bool valid;
  };
  const Row rows[] = {
      {"hanako@example.jp", true},
      {"taro..x.@docomo.ne.jp", true},  // old carrier addresses
      {"a+tag@sub.example.co.jp", true},
      {"a b@example.jp", false},
      {"a@b@example.jp", false},
      {"<a@example.jp>", false},
      {"a@example.jp\r\nRCPT TO:<b@example.jp>", false},
      {"山田@example.jp", false},
      {"@example.jp", false},
      {"a@", false},
      {"a@-x.jp", false},
      {"\"quoted\"@example.jp", false},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(IsValidMailAddress(r.address), r.valid) << r.address;
    EXPECT_EQ(CheckMailAddress("email", r.address).ok(), r.valid) << r.address;
  }
  EXPECT_EQ(ReasonOf(CheckMailAddress("email", "x")), "INVALID_MAIL_ADDRESS");
}

}  // namespace
}  // namespace shiori::notify
