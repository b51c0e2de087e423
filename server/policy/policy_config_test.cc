// The policy file (config/policy.textproto): the default parses with the guide's values, and a file with a wrong
// field name or a negative period is refused with the file's line number (issue "policy as data").
#include "server/policy/policy_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/common/error.h"
#include "server/policy/default_policy_text.h"

namespace shiori::policy {
namespace {

using ::testing::HasSubstr;

// The 1-based line of the first line containing `needle`, or 0.
int LineOf(const std::string& text, const std::string& needle) {
  int n = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++n;
    if (absl::StrContains(line, needle)) return n;
  }
  return 0;
}

// `text` with the first `from` replaced by `to`.
std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(PolicyConfigTest, DefaultFileParsesWithTheGuidesValues) {  // R3, R11, B2, C4
  auto policy = ParsePolicy(DefaultPolicyText(), "policy.textproto");
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_EQ(policy->reservation().limit(), 10);        // R3
  EXPECT_EQ(policy->hold_shelf().period_days(), 7);    // R11
  EXPECT_EQ(policy->renewal().period_days(), 21);      // B2
  const auto* book = FindMaterialType(*policy, v1::GENERAL_BOOK);
  ASSERT_NE(book, nullptr);
  EXPECT_EQ(book->loan_period_days(), 21);             // C4
  EXPECT_GT(policy->calendar().max_search_days(), 0);  // L2: bounded search
}

struct BadFileCase {
  const char* rule;
  const char* from;  // text of the default file …
  const char* to;    // … replaced by this
  const char* field_or_message;
};

TEST(PolicyConfigTest, BadFilesAreRefusedWithTheLine) {
  const std::string original = DefaultPolicyText();
  const BadFileCase cases[] = {
      {"R3", "limit: 10  # R3", "limt: 10  # R3", "limt"},  // a wrong field name
      {"R11", "period_days: 7", "period_days: -7", "hold_shelf.period_days"},  // a negative period
      {"L3", "time_zone: \"Asia/Tokyo\"", "time_zone: \"UTC\"", "calendar.time_zone"},  // would be ignored
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.rule);
    const int line = LineOf(original, c.from);
    ASSERT_GT(line, 0);
    auto parsed = ParsePolicy(Replaced(original, c.from, c.to), "policy.textproto");
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ReasonOf(parsed.status()), "POLICY_INVALID");
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr(absl::StrCat("policy.textproto:", line)));
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr(c.field_or_message));
  }
}

}  // namespace
}  // namespace shiori::policy
