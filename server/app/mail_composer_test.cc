// Composing outbox rows into messages (rules M1, R10, P4, P7, N1, N6) with the real templates of config/mail,
// the From parser and the retry schedule. Pure: no database, no SMTP.
#include "server/app/mail_composer.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/clock.h"

namespace shiori::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const notify::MailTemplateSet& Templates() {
  static const auto* set = [] {
    auto s = notify::MailTemplateSet::Load(SHIORI_SOURCE_DIR "/config/mail");
    EXPECT_TRUE(s.ok()) << s.status();
    return new notify::MailTemplateSet(s.ok() ? *s : notify::MailTemplateSet());
  }();
  return *set;
}

MailIdentity Identity() {
  MailIdentity id;
  id.from = {"しおり市立図書館", "noreply@library.example.jp"};
  id.confirm_base_url = "https://library.example.jp/confirm";
  return id;
}

store::OutboxRow ReadyRow() {
  store::OutboxRow r;
  r.id = 7;
  r.dedupe_key = "ready:12:1700000000000000";
  r.kind = "hold_ready";
  r.template_name = "hold_ready";
  r.recipient = "hanako@example.jp";
  r.params = {{"title", "吾輩は猫である"}, {"pickup_library", "本館"}, {"deadline", "2026年12月10日（木）"}};
  r.reservation_id = 12;
  r.created_at = absl::FromCivil(absl::CivilSecond(2026, 12, 3, 10, 0, 0), TokyoZone());
  return r;
}

// The decoded body of a single-part base64 message.
std::string BodyOf(const std::string& message) {
  const size_t split = message.find("\r\n\r\n");
  std::string encoded;
  for (absl::string_view line : absl::StrSplit(message.substr(split + 4), "\r\n")) {
    encoded.append(line.data(), line.size());
  }
  std::string body;
  EXPECT_TRUE(absl::Base64Unescape(encoded, &body));
  return body;
}

std::string Headers(const std::string& message) { return message.substr(0, message.find("\r\n\r\n")); }

TEST(ParseMailFromTest, Forms) {  // M1
  struct Case {
    std::string text;
    bool ok;
    std::string name, address;
  } cases[] = {
      {"図書館 <noreply@example.jp>", true, "図書館", "noreply@example.jp"},
      {"\"しおり市立図書館\" <a@b.jp>", true, "しおり市立図書館", "a@b.jp"},
      {"noreply@example.jp", false, "", ""},  // no name: the mails would say 【】 and be unsigned
      {"  図書館 <noreply@example.jp>  ", true, "図書館", "noreply@example.jp"},
      {"図書館 <noreply@example.jp", false, "", ""},
      {"図書館 <not an address>", false, "", ""},
      {"図書館\r\nBcc: x@y.jp <a@b.jp>", false, "", ""},
  };
  for (const Case& c : cases) {
    auto from = ParseMailFrom(c.text);
    EXPECT_EQ(from.ok(), c.ok) << c.text;
    if (from.ok() && c.ok) {
      EXPECT_EQ(from->display_name, c.name) << c.text;
      EXPECT_EQ(from->address, c.address) << c.text;
    }
  }
}

TEST(RetryDelayTest, DoublesFromOneMinuteUpToOneHour) {  // M1: a mail server that is down delays mail
  struct Case {
    int attempts;
    absl::Duration delay;
  } cases[] = {{0, absl::Minutes(1)},  {1, absl::Minutes(1)}, {2, absl::Minutes(2)}, {3, absl::Minutes(4)},
               {6, absl::Minutes(32)}, {7, absl::Hours(1)},   {50, absl::Hours(1)}};
  for (const Case& c : cases) EXPECT_EQ(RetryDelay(c.attempts), c.delay) << c.attempts;
}

TEST(ComposeMailTest, ReadyNoticeHasAddressSubjectBodyAndStableIds) {  // R10, M1
  auto mail = ComposeMail(ReadyRow(), Identity(), Templates(), ReadyRow().created_at);
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_EQ(mail->envelope.mail_from, "noreply@library.example.jp");
  EXPECT_EQ(mail->envelope.recipients, std::vector<std::string>{"hanako@example.jp"});
  const std::string headers = Headers(mail->message);
  EXPECT_THAT(headers, HasSubstr("To: hanako@example.jp"));
  EXPECT_THAT(headers, HasSubstr("Date: Thu, 03 Dec 2026 10:00:00 +0900"));
  EXPECT_THAT(headers, HasSubstr(absl::StrCat("Message-ID: <", mail->message_id, ">")));
  EXPECT_TRUE(absl::StartsWith(mail->message_id, "ready.12.1700000000000000.")) << mail->message_id;
  EXPECT_TRUE(absl::EndsWith(mail->message_id, "@library.example.jp")) << mail->message_id;
  EXPECT_THAT(headers, Not(HasSubstr("List-Unsubscribe")));
  const std::string body = BodyOf(mail->message);
  EXPECT_THAT(body, HasSubstr("吾輩は猫である"));
  EXPECT_THAT(body, HasSubstr("本館"));
  EXPECT_THAT(body, HasSubstr("2026年12月10日（木）"));
  EXPECT_THAT(body, HasSubstr("しおり市立図書館"));  // library_name from the From display name

  // Every attempt of one event is the same message (M1: a retry is not a second mail).
  auto again = ComposeMail(ReadyRow(), Identity(), Templates(), ReadyRow().created_at);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->message, mail->message);
}

TEST(ComposeMailTest, ConfirmationLinkFromTokenAndBaseUrl) {  // P4, P7
  store::OutboxRow r;
  r.dedupe_key = "confirm:abc";
  r.kind = r.template_name = "email_confirm";
  r.recipient = "taro..x.@docomo.ne.jp";
  r.params = {{"confirm_token", "tok_EN-123"}, {"expires_at", "2026年12月4日 10:00"}};
  r.created_at = absl::FromUnixSeconds(1'800'000'000);
  auto mail = ComposeMail(r, Identity(), Templates(), r.created_at);
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_THAT(BodyOf(mail->message), HasSubstr("https://library.example.jp/confirm?token=tok_EN-123"));

  MailIdentity with_query = Identity();
  with_query.confirm_base_url = "https://library.example.jp/c?lang=ja";
  r.params["confirm_token"] = "a b";
  mail = ComposeMail(r, with_query, Templates(), r.created_at);
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_THAT(BodyOf(mail->message), HasSubstr("https://library.example.jp/c?lang=ja&token=a%20b"));

  MailIdentity no_base = Identity();
  no_base.confirm_base_url.clear();
  EXPECT_EQ(ComposeMail(r, no_base, Templates(), r.created_at).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ComposeMailTest, NewArrivalsCarryListUnsubscribe) {  // N1, N6
  store::OutboxRow r;
  r.dedupe_key = "arrivals:2026-12:5";
  r.kind = r.template_name = "new_arrivals";
  r.recipient = "hanako@example.jp";
  r.params = {{"month", "2026年11月"}, {"keywords", "猫 ｶﾒﾗ"}, {"unsubscribe_url", "https://library.example.jp/u?t=x"}};
  r.list_params = {{"items", {"①吾輩は猫である／夏目漱石", "髙橋さんのカメラ入門"}}};
  r.created_at = absl::FromUnixSeconds(1'800'000'000);
  auto mail = ComposeMail(r, Identity(), Templates(), r.created_at);
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_THAT(Headers(mail->message), HasSubstr("List-Unsubscribe: <https://library.example.jp/u?t=x>"));
  EXPECT_THAT(Headers(mail->message), HasSubstr("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
  EXPECT_THAT(BodyOf(mail->message), HasSubstr("髙橋さんのカメラ入門"));
}

TEST(ComposeMailTest, RowsThatCanNeverBeSentAreRefused) {  // M1, R15: failed, not retried for ever
  struct Case {
    const char* what;
    std::function<void(store::OutboxRow&)> change;
  } cases[] = {
      {"unknown template", [](store::OutboxRow& r) { r.template_name = "no_such_mail"; }},
      {"missing value", [](store::OutboxRow& r) { r.params.erase("title"); }},
      {"bad recipient", [](store::OutboxRow& r) { r.recipient = "hanako@example.jp\r\nBcc: x@y.jp"; }},
      {"empty recipient", [](store::OutboxRow& r) { r.recipient = ""; }},
  };
  for (const Case& c : cases) {
    store::OutboxRow r = ReadyRow();
    c.change(r);
    EXPECT_FALSE(ComposeMail(r, Identity(), Templates(), r.created_at).ok()) << c.what;
  }
}

TEST(ComposeMailTest, ValuesCannotAddHeaders) {  // M1: values escaped when rendered
  store::OutboxRow r = ReadyRow();
  r.params["title"] = "猫\r\nBcc: everyone@example.jp";
  r.params["recipient_name"] = "花子\r\nBcc: x@y.jp";
  auto mail = ComposeMail(r, Identity(), Templates(), r.created_at);
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_THAT(Headers(mail->message), Not(HasSubstr("Bcc:")));
}

}  // namespace
}  // namespace shiori::app
