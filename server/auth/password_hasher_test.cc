// Tests of password_hasher.h (rule P9). Small Argon2id parameters keep them fast on a busy machine.
#include "server/auth/password_hasher.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shiori::auth {
namespace {

using ::testing::StartsWith;

constexpr uint64_t kOps = 1;
constexpr uint64_t kMemKiB = 64;

PasswordHasher Hasher(uint64_t ops = kOps, uint64_t mem_kib = kMemKiB) {
  absl::StatusOr<PasswordHasher> h = PasswordHasher::Create(ops, mem_kib);
  EXPECT_TRUE(h.ok()) << h.status();
  return *std::move(h);
}

TEST(PasswordHasherTest, RoundTrip) {  // P9
  PasswordHasher hasher = Hasher();
  absl::StatusOr<std::string> hash = hasher.Hash("Hanako123");
  ASSERT_TRUE(hash.ok()) << hash.status();
  EXPECT_THAT(*hash, StartsWith("$argon2id$"));
  EXPECT_EQ(hash->find("Hanako123"), std::string::npos);
  EXPECT_TRUE(hasher.Verify(*hash, "Hanako123"));
  EXPECT_FALSE(hasher.Verify(*hash, "hanako123"));  // P6: case-sensitive
  EXPECT_FALSE(hasher.Verify(*hash, "Hanako12"));
  EXPECT_FALSE(hasher.Verify(*hash, ""));
  EXPECT_FALSE(hasher.NeedsRehash(*hash));
}

TEST(PasswordHasherTest, SaltMakesEveryHashDifferent) {  // P9
  PasswordHasher hasher = Hasher();
  absl::StatusOr<std::string> a = hasher.Hash("abcd");
  absl::StatusOr<std::string> b = hasher.Hash("abcd");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(hasher.Verify(*a, "abcd"));
  EXPECT_TRUE(hasher.Verify(*b, "abcd"));
}

TEST(PasswordHasherTest, RehashWhenParametersChange) {  // P9
  PasswordHasher old_params = Hasher(1, 64);
  absl::StatusOr<std::string> hash = old_params.Hash("abcd1234");
  ASSERT_TRUE(hash.ok());

  struct Row {
    const char* rule;
    uint64_t ops;
    uint64_t mem_kib;
    bool needs_rehash;
  };
  const Row rows[] = {
      {"P9 same parameters", 1, 64, false},
      {"P9 more passes", 2, 64, true},
      {"P9 more memory", 1, 128, true},
  };
  for (const Row& row : rows) {
    PasswordHasher current = Hasher(row.ops, row.mem_kib);
    EXPECT_EQ(current.NeedsRehash(*hash), row.needs_rehash) << row.rule;
    // A hash made with the old parameters still verifies, so the patron can log in and be rehashed.
    EXPECT_TRUE(current.Verify(*hash, "abcd1234")) << row.rule;
  }
}

TEST(PasswordHasherTest, UnreadableStoredValues) {  // P9
  PasswordHasher hasher = Hasher();
  const std::string rows[] = {"", "abcd1234", "$argon2id$", std::string(200, 'x'), std::string("$argon2id\0x", 11)};
  for (const std::string& stored : rows) {
    EXPECT_FALSE(hasher.Verify(stored, "abcd1234")) << stored;
    EXPECT_TRUE(hasher.NeedsRehash(stored)) << stored;
  }
  hasher.VerifyNothing("abcd1234");  // only spends time; must not crash
}

TEST(PasswordHasherTest, ParametersFromPolicy) {  // P9
  shiori::v1::PasswordPolicy policy;
  policy.set_argon2_ops_limit(1);
  policy.set_argon2_mem_limit_kib(32);
  absl::StatusOr<PasswordHasher> hasher = PasswordHasher::Create(policy);
  ASSERT_TRUE(hasher.ok()) << hasher.status();
  EXPECT_EQ(hasher->ops_limit(), 1u);
  EXPECT_EQ(hasher->mem_limit_kib(), 32u);
  absl::StatusOr<std::string> hash = hasher->Hash("x");
  ASSERT_TRUE(hash.ok());
  EXPECT_NE(hash->find("m=32,t=1"), std::string::npos) << *hash;
}

TEST(PasswordHasherTest, RefusesParametersArgon2idCannotUse) {  // P9
  struct Row {
    const char* rule;
    int ops;
    int mem_kib;
  };
  const Row rows[] = {
      {"P9 zero passes", 0, 64},
      {"P9 negative memory", 1, -1},
      {"P9 memory below 8 KiB", 1, 4},
  };
  for (const Row& row : rows) {
    shiori::v1::PasswordPolicy policy;
    policy.set_argon2_ops_limit(row.ops);
    policy.set_argon2_mem_limit_kib(row.mem_kib);
    EXPECT_EQ(PasswordHasher::Create(policy).status().code(), absl::StatusCode::kInvalidArgument) << row.rule;
  }
}

}  // namespace
}  // namespace shiori::auth
