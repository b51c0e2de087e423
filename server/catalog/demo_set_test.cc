// Tests of the demo catalogue: every material type of C3, magazine issues as their own titles (R1, R5).
#include "server/catalog/demo_set.h"

#include <algorithm>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shiori::catalog {
namespace {

const absl::CivilDay kReference(2025, 4, 1);

TEST(DemoCatalogTest, CoversEveryMaterialType) {  // C3
  std::set<int> types;
  for (const DemoTitle& t : DemoCatalog(kReference)) {
    types.insert(t.record.material_type);
    for (const HoldingCopy& c : t.copies) EXPECT_EQ(c.material_type, t.record.material_type);
  }
  for (int type = shiori::v1::GENERAL_BOOK; type <= shiori::v1::INTERLIBRARY_BORROWED; ++type) {
    EXPECT_EQ(types.count(type), 1u) << shiori::v1::MaterialType_Name(type);
  }
}

TEST(DemoCatalogTest, StableIdsAndCopies) {  // C1: loading the demo set twice changes nothing
  const auto a = DemoCatalog(kReference);
  const auto b = DemoCatalog(kReference);
  ASSERT_EQ(a.size(), b.size());
  std::set<std::string> ids;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].record.source, "demo");
    EXPECT_EQ(a[i].record.source_id, b[i].record.source_id);
    EXPECT_TRUE(ids.insert(a[i].record.source_id).second) << a[i].record.source_id;
    EXPECT_FALSE(a[i].record.title.empty());
    EXPECT_FALSE(a[i].copies.empty()) << a[i].record.source_id;
    ASSERT_EQ(a[i].copies.size(), b[i].copies.size());
    for (size_t k = 0; k < a[i].copies.size(); ++k) EXPECT_EQ(a[i].copies[k].barcode, b[i].copies[k].barcode);
  }
}

TEST(DemoCatalogTest, MagazineIssuesAreTitlesOfTheirOwn) {  // R1, R5
  std::vector<const DemoTitle*> issues;
  const auto all = DemoCatalog(kReference);
  for (const DemoTitle& t : all) {
    if (t.record.material_type == shiori::v1::MAGAZINE) issues.push_back(&t);
  }
  ASSERT_GE(issues.size(), 3u);
  int latest = 0;
  int highest = 0;
  for (const DemoTitle* t : issues) {
    EXPECT_EQ(t->record.series_title, issues[0]->record.series_title);
    EXPECT_GT(t->record.issue_number, 0);
    highest = std::max(highest, t->record.issue_number);
    if (t->record.latest_issue) ++latest;
  }
  EXPECT_EQ(latest, 1);
  for (const DemoTitle* t : issues) {
    EXPECT_EQ(t->record.latest_issue, t->record.issue_number == highest);
  }
  // Issues arrive in order, the latest one last and before the reference date.
  for (size_t i = 1; i < issues.size(); ++i) {
    EXPECT_GT(issues[i]->record.issue_number, issues[i - 1]->record.issue_number);
    EXPECT_GT(issues[i]->copies[0].accession_date, issues[i - 1]->copies[0].accession_date);
  }
  EXPECT_LT(issues.back()->copies[0].accession_date, kReference);
}

TEST(DemoCatalogTest, KanaReadingsForJapaneseTitles) {  // C2
  for (const DemoTitle& t : DemoCatalog(kReference)) {
    if (t.record.material_type == shiori::v1::FOREIGN_BOOK) continue;
    EXPECT_FALSE(t.record.title_kana.empty()) << t.record.title;
    EXPECT_FALSE(t.record.contributors.empty()) << t.record.title;
  }
}

}  // namespace
}  // namespace shiori::catalog
