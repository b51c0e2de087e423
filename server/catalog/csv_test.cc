// Tests of the RFC 4180 CSV parser used for the Aozora Bunko list (C1).
#include "server/catalog/csv.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shiori::catalog {
namespace {

using ::testing::ElementsAre;

struct CsvCase {
  const char* rule;
  const char* name;
  const char* text;
  std::vector<CsvRow> rows;
};

TEST(ParseCsvTest, Table) {
  const CsvCase cases[] = {
      {"C1", "plain", "a,b,c\n1,2,3\n", {{"a", "b", "c"}, {"1", "2", "3"}}},
      {"C1", "byte-order mark skipped", "\xEF\xBB\xBF作品ID,作品名\n000789,吾輩は猫である\n",
       {{"作品ID", "作品名"}, {"000789", "吾輩は猫である"}}},
      {"C1", "quoted comma", "\"岩波文庫、岩波書店\",\"a,b\"\n", {{"岩波文庫、岩波書店", "a,b"}}},
      {"C1", "doubled quote", "\"say \"\"hi\"\"\",x\n", {{"say \"hi\"", "x"}}},
      {"C1", "line break inside quotes", "\"one\ntwo\",x\n", {{"one\ntwo", "x"}}},
      {"C1", "CRLF", "a,b\r\nc,d\r\n", {{"a", "b"}, {"c", "d"}}},
      {"C1", "no final newline", "a,b", {{"a", "b"}}},
      {"C1", "empty fields", ",,\n\"\",x\n", {{"", "", ""}, {"", "x"}}},
      {"C1", "blank lines skipped", "a\n\n\nb\n", {{"a"}, {"b"}}},
      {"C1", "quote inside an unquoted field is text", "ab\"c,d\n", {{"ab\"c", "d"}}},
      {"C1", "empty text", "", {}},
  };
  for (const auto& c : cases) {
    absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(c.text);
    ASSERT_TRUE(rows.ok()) << c.rule << " " << c.name << ": " << rows.status();
    EXPECT_EQ(*rows, c.rows) << c.rule << " " << c.name;
  }
}

TEST(ParseCsvTest, BrokenQuotingIsRefused) {  // C1
  EXPECT_EQ(ParseCsv("\"open,x\n").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCsv("\"closed\"junk,x\n").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace shiori::catalog
