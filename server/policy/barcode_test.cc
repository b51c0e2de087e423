// Tests of barcode.h: a barcode typed on a Japanese keyboard means the barcode it spells (B4, R9).
#include "server/policy/barcode.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "server/common/error.h"

namespace shiori::policy {
namespace {

TEST(BarcodeTest, FullWidthFormsAndSurroundingSpacesAreTheSameBarcode) {  // B4, R9
  const std::pair<std::string, std::string> rows[] = {
      {"100000000123", "100000000123"},
      {"１００００００００１２３", "100000000123"},
      {"　100000000123 ", "100000000123"},
      {"\t１２３４\t", "1234"},
      {"ｄｕｐ－１", "dup-1"},
      {"AB-12/x", "AB-12/x"},
      {std::string(32, '9'), std::string(32, '9')},
  };
  for (const auto& [typed, meant] : rows) {
    auto got = NormalizeBarcode(typed, "B4");
    ASSERT_TRUE(got.ok()) << typed << ": " << got.status();
    EXPECT_EQ(*got, meant) << typed;
  }
}

TEST(BarcodeTest, WhatIsNoBarcodeIsRefusedNamingTheField) {  // B4, R9
  const std::string rows[] = {"",          "   ",       "　",          "1234 5678", "1234　5678", "資料123",
                              "12\x01" "3", "\xff\xfe", std::string(33, '9'), "１２３ａ\u00e9"};
  for (const std::string& typed : rows) {
    auto got = NormalizeBarcode(typed, "R9");
    ASSERT_FALSE(got.ok()) << typed;
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument) << typed;
    EXPECT_EQ(ReasonOf(got.status()), "INVALID_BARCODE") << typed;
    EXPECT_EQ(MetadataOf(got.status(), "rule"), "R9") << typed;
    EXPECT_EQ(FieldsOf(got.status()), std::vector<std::string>{"barcode"}) << typed;
  }
}

}  // namespace
}  // namespace shiori::policy
