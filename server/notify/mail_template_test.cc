// Mail templates: the Japanese templates of config/mail load and render; values are escaped so no header can
// be injected; a missing value is an error naming it.
#include "server/notify/mail_template.h"

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/clock.h"
#include "server/common/error.h"
#include "server/notify/mime_message.h"
#include "server/notify/python_email_test.h"

namespace shiori::notify {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kConfigFolder = absl::StrCat(SHIORI_SOURCE_DIR, "/config/mail");

MailTemplateSet LoadConfigTemplates() {
  absl::StatusOr<MailTemplateSet> set = MailTemplateSet::Load(kConfigFolder);
  EXPECT_TRUE(set.ok()) << set.status();
  return set.ok() ? *std::move(set) : MailTemplateSet();
}

MailValues HoldReadyValues() {
  MailValues v;
  v.Set("library_name", "しおり市立図書館")
      .Set("title", "ｶﾀｶﾅ①髙の本")
      .Set("pickup_library", "中央図書館")
      .Set("deadline", "2024年5月15日（水）");
  return v;
}

TEST(MailTemplateTest, ConfigTemplatesHaveTheDocumentedPlaceholders) {  // R10, P4, P7, N1
  struct Row {
    const char* rule;
    absl::string_view name;
    std::vector<std::string> placeholders;
  };
  const Row rows[] = {
      {"R10", kHoldReadyTemplate, {"library_name", "title", "pickup_library", "deadline"}},
      {"P4", kRegistrationConfirmTemplate, {"library_name", "confirm_url", "expires_at"}},
      {"P7", kEmailConfirmTemplate, {"library_name", "confirm_url", "expires_at"}},
      {"N1", kNewArrivalsTemplate, {"library_name", "month", "keywords", "items", "unsubscribe_url"}},
  };
  const MailTemplateSet set = LoadConfigTemplates();
  EXPECT_THAT(set.Names(), ElementsAre("email_confirm", "hold_ready", "new_arrivals", "registration_confirm"));
  for (const Row& r : rows) {
    SCOPED_TRACE(absl::StrCat(r.rule, " ", r.name));
    const MailTemplate* t = set.Find(r.name);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->Placeholders(), r.placeholders);
  }
}

TEST(MailTemplateTest, HoldReadyRendersInJapanese) {  // R10
  absl::StatusOr<RenderedMail> mail = LoadConfigTemplates().Render(kHoldReadyTemplate, HoldReadyValues());
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_EQ(mail->subject, "【しおり市立図書館】予約資料のご用意ができました");
  EXPECT_THAT(mail->body, HasSubstr("資料名　：ｶﾀｶﾅ①髙の本\n"));
  EXPECT_THAT(mail->body, HasSubstr("受取館　：中央図書館\n"));
  EXPECT_THAT(mail->body, HasSubstr("取置期限：2024年5月15日（水）\n"));
  EXPECT_THAT(mail->body, Not(HasSubstr("{{")));
}

TEST(MailTemplateTest, ConfirmationMailsCarryTheLink) {  // P4, P7
  const MailTemplateSet set = LoadConfigTemplates();
  for (absl::string_view name : {kRegistrationConfirmTemplate, kEmailConfirmTemplate}) {
    SCOPED_TRACE(name);
    MailValues v;
    v.Set("library_name", "しおり市立図書館")
        .Set("confirm_url", "https://library.city.example/confirm?t=Q2xhc3NpYw")
        .Set("expires_at", "2024年5月9日（木）9時30分");
    absl::StatusOr<RenderedMail> mail = set.Render(name, v);
    ASSERT_TRUE(mail.ok()) << mail.status();
    EXPECT_THAT(mail->body, HasSubstr("\nhttps://library.city.example/confirm?t=Q2xhc3NpYw\n"));
    EXPECT_THAT(mail->body, HasSubstr("2024年5月9日（木）9時30分"));
  }
}

TEST(MailTemplateTest, NewArrivalsListsOneEscapedLinePerItem) {  // N1, N6
  MailValues v;
  v.Set("library_name", "しおり市立図書館")
      .Set("month", "2024年4月")
      .Set("keywords", "猫 ｶﾒﾗ")
      .SetLines("items", {"・猫の写真集／山田 花子", "・ｶﾒﾗ入門\r\nBcc: evil@example.com"})
      .Set("unsubscribe_url", "https://library.city.example/u?t=AbC");
  absl::StatusOr<RenderedMail> mail = LoadConfigTemplates().Render(kNewArrivalsTemplate, v);
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_EQ(mail->subject, "【しおり市立図書館】新着資料のお知らせ（2024年4月）");
  EXPECT_THAT(mail->body, HasSubstr("\n・猫の写真集／山田 花子\n・ｶﾒﾗ入門 Bcc: evil@example.com\n"));
  EXPECT_THAT(mail->body, HasSubstr("\nhttps://library.city.example/u?t=AbC\n"));
}

TEST(MailTemplateTest, ValuesCannotInjectHeaders) {  // M1
  MailValues v = HoldReadyValues();
  v.Set("library_name", "悪い図書館\r\nBcc: evil@example.com\x01\x7f\xC2\x85");
  v.Set("title", "{{deadline}} と \xFF 不正");
  absl::StatusOr<RenderedMail> mail = LoadConfigTemplates().Render(kHoldReadyTemplate, v);
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_EQ(mail->subject, "【悪い図書館 Bcc: evil@example.com】予約資料のご用意ができました");
  EXPECT_THAT(mail->body, HasSubstr("資料名　：{{deadline}} と \xEF\xBF\xBD 不正\n"));  // inserted once, U+FFFD

  MailMessage m;
  m.from = {"しおり市立図書館", "noreply@library.city.example"};
  m.to = {{"", "hanako@example.jp"}};
  m.subject = mail->subject;
  m.body = mail->body;
  m.date = absl::FromCivil(absl::CivilSecond(2024, 5, 8, 9, 30, 0), TokyoZone());
  m.dedupe_key = "ready:1:1";
  absl::StatusOr<std::string> text = BuildMimeMessage(m);
  ASSERT_TRUE(text.ok()) << text.status();
  for (const std::string& line : testing::CrlfLines(*text)) EXPECT_FALSE(absl::StartsWith(line, "Bcc")) << line;
  const nlohmann::json parsed = testing::ParseMail(*text);
  EXPECT_EQ(parsed["subject"], mail->subject);
  EXPECT_EQ(parsed["to"].size(), 1u);
}

TEST(MailTemplateTest, EscapeMailValue) {  // M1
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"普通の値", "普通の値"},
      {"一行目\r\n二行目", "一行目 二行目"},
      {"a\n\n\tb", "a b"},
      {"\r\n前後\n", "前後"},
      {"ｶﾀｶﾅ①髙", "ｶﾀｶﾅ①髙"},
      {"line\xE2\x80\xA8sep", "line sep"},  // U+2028
      {"bad\xC3", "bad\xEF\xBF\xBD"},
  };
  for (const Row& r : rows) EXPECT_EQ(EscapeMailValue(r.in), r.out) << r.in;
}

TEST(MailTemplateTest, MissingValueIsAnErrorNamingIt) {  // M1
  MailValues missing;
  missing.Set("library_name", "x").Set("title", "t").Set("pickup_library", "p");
  absl::StatusOr<RenderedMail> mail = LoadConfigTemplates().Render(kHoldReadyTemplate, missing);
  ASSERT_FALSE(mail.ok());
  EXPECT_EQ(mail.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(mail.status()), "MAIL_TEMPLATE_VALUE_MISSING");
  EXPECT_EQ(MetadataOf(mail.status(), "placeholder"), "deadline");
  EXPECT_EQ(MetadataOf(mail.status(), "template"), "hold_ready");
  EXPECT_THAT(std::string(mail.status().message()), HasSubstr("deadline"));
}

TEST(MailTemplateTest, ListValueIsRefusedInSubject) {  // M1
  absl::StatusOr<MailTemplate> t = MailTemplate::Parse("t", "Subject: {{items}}\n\nbody\n");
  ASSERT_TRUE(t.ok()) << t.status();
  MailValues v;
  v.SetLines("items", {"a", "b"});
  EXPECT_EQ(ReasonOf(t->Render(v).status()), "MAIL_TEMPLATE_LIST_IN_SUBJECT");
}

TEST(MailTemplateTest, ParseAcceptsCrlfAndSpacedPlaceholders) {  // M1
  absl::StatusOr<MailTemplate> t = MailTemplate::Parse("t", "\xEF\xBB\xBFSubject:  件名{{ a }}\r\n\r\n{{a}}と{{b_2}}\r\n");
  ASSERT_TRUE(t.ok()) << t.status();
  MailValues v;
  v.Set("a", "A").Set("b_2", "B").Set("unused", "x");
  absl::StatusOr<RenderedMail> mail = t->Render(v);
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_EQ(mail->subject, "件名A");
  EXPECT_EQ(mail->body, "AとB\n");
}

TEST(MailTemplateTest, ParseRefusesBrokenTemplates) {  // M1
  struct Row {
    const char* name;
    const char* text;
  };
  const Row rows[] = {
      {"no subject line", "件名\n\n本文\n"},
      {"no empty line", "Subject: 件名\n本文\n"},
      {"only a subject", "Subject: 件名"},
      {"unclosed placeholder", "Subject: 件名\n\n{{title\n"},
      {"upper-case name", "Subject: 件名\n\n{{Title}}\n"},
      {"empty name", "Subject: 件名\n\n{{}}\n"},
      {"not UTF-8", "Subject: \xFF\n\nbody\n"},
  };
  for (const Row& r : rows) {
    absl::StatusOr<MailTemplate> t = MailTemplate::Parse("broken", r.text);
    ASSERT_FALSE(t.ok()) << r.name;
    EXPECT_EQ(ReasonOf(t.status()), "MAIL_TEMPLATE_INVALID") << r.name;
    EXPECT_EQ(MetadataOf(t.status(), "template"), "broken") << r.name;
  }
}

TEST(MailTemplateTest, LoadingAFolder) {  // M1
  const std::string folder = testing::MakeTempFolder("templates");
  std::ofstream(folder + "/greeting.txt") << "Subject: {{who}}様\n\nこんにちは\n";
  std::ofstream(folder + "/notes.md") << "not a template";
  absl::StatusOr<MailTemplateSet> set = MailTemplateSet::Load(folder);
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_THAT(set->Names(), ElementsAre("greeting"));
  EXPECT_EQ(ReasonOf(set->Render("missing", MailValues()).status()), "MAIL_TEMPLATE_NOT_FOUND");

  std::ofstream(folder + "/bad.txt") << "no subject\n";
  EXPECT_EQ(ReasonOf(MailTemplateSet::Load(folder).status()), "MAIL_TEMPLATE_INVALID");
  EXPECT_EQ(MailTemplateSet::Load(folder + "/absent").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace shiori::notify
