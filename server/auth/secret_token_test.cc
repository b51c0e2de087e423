// Tests of secret_token.h (rules P4, P7, P9: session and confirmation tokens).
#include "server/auth/secret_token.h"

#include <set>
#include <string>

#include <sodium.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shiori::auth {
namespace {

std::string Token() {
  absl::StatusOr<std::string> t = NewSecretToken();
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *t : "";
}

TEST(SecretTokenTest, TokensAre256BitsOfUrlSafeText) {  // P9
  const std::string token = Token();
  EXPECT_EQ(token.size(), kSecretTokenLength);
  EXPECT_TRUE(IsWellFormedToken(token));
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  unsigned char bytes[64];
  size_t length = 0;
  ASSERT_EQ(sodium_base642bin(bytes, sizeof bytes, token.data(), token.size(), nullptr, &length, nullptr,
                              sodium_base64_VARIANT_URLSAFE_NO_PADDING),
            0);
  EXPECT_EQ(length * 8, 256u);
}

TEST(SecretTokenTest, TokensAreDistinct) {  // P9
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(Token());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(SecretTokenTest, WellFormed) {  // P4, P9: garbage is refused before any look-up
  const std::string good = Token();
  struct Row {
    const char* rule;
    std::string text;
    bool well_formed;
  };
  const Row rows[] = {
      {"P9 a new token", good, true},
      {"P9 empty", "", false},
      {"P9 one character short", good.substr(1), false},
      {"P9 one character long", good + "A", false},
      {"P9 standard base64 alphabet", std::string(42, 'A') + "+", false},
      {"P9 padding", std::string(42, 'A') + "=", false},
      {"P9 non-zero spare bits in the last character", std::string(42, 'A') + "B", false},
      {"P9 all zero bits", std::string(42, 'A') + "A", true},
  };
  for (const Row& row : rows) EXPECT_EQ(IsWellFormedToken(row.text), row.well_formed) << row.rule;
}

TEST(SecretTokenTest, HashIsHexSha256) {  // P9: stored only as a hash
  EXPECT_EQ(TokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string token = Token();
  const std::string hash = TokenHash(token);
  EXPECT_EQ(hash.size(), kSecretTokenHashLength);
  EXPECT_EQ(hash, TokenHash(token));
  EXPECT_NE(hash, TokenHash(Token()));
  EXPECT_EQ(hash.find(token), std::string::npos);
}

TEST(SecretTokenTest, SecretsEqual) {  // P9
  const std::string a = TokenHash("a");
  EXPECT_TRUE(SecretsEqual(a, TokenHash("a")));
  EXPECT_FALSE(SecretsEqual(a, TokenHash("b")));
  EXPECT_FALSE(SecretsEqual(a, a.substr(1)));
  EXPECT_FALSE(SecretsEqual(a, ""));
  EXPECT_TRUE(SecretsEqual("", ""));
}

}  // namespace
}  // namespace shiori::auth
