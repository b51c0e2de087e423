// Tests of the copies an import creates (C3 material types, L1 libraries): deterministic, unique barcodes.
#include "server/catalog/holdings.h"

#include <map>
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/catalog/aozora_reader.h"
#include "server/catalog/demo_set.h"
#include "server/catalog/marc_reader.h"

namespace shiori::catalog {
namespace {

const absl::CivilDay kReference(2025, 4, 1);

BibRecord Record(const char* source, const char* id, shiori::v1::MaterialType type = shiori::v1::GENERAL_BOOK) {
  BibRecord r;
  r.source = source;
  r.source_id = id;
  r.material_type = type;
  return r;
}

TEST(HoldingsTest, ShapeOfEveryCopy) {  // L1, C3
  for (const auto& r : {Record("ndl", "029455884"), Record("loc", "ocm42943498", shiori::v1::FOREIGN_BOOK),
                        Record("aozora", "000789"), Record("demo", "demo-video-1", shiori::v1::VIDEO)}) {
    const auto copies = MakeHoldings(r, kReference);
    ASSERT_GE(copies.size(), 1u);
    ASSERT_LE(copies.size(), 3u);
    for (size_t i = 0; i < copies.size(); ++i) {
      const HoldingCopy& c = copies[i];
      EXPECT_EQ(c.barcode.size(), 12u) << c.barcode;
      EXPECT_EQ(c.barcode.find_first_not_of("0123456789"), std::string::npos) << c.barcode;
      EXPECT_EQ(c.barcode[0], '1');
      EXPECT_EQ(c.barcode.back(), static_cast<char>('1' + i));
      EXPECT_TRUE(c.library_id == kMainLibrary || c.library_id == kBranchLibrary) << c.library_id;
      EXPECT_LT(c.accession_date, kReference);
      EXPECT_GE(c.accession_date, kReference - 730);
      EXPECT_EQ(c.material_type, r.material_type);
    }
    if (copies.size() >= 2) {
      EXPECT_NE(copies[0].library_id, copies[1].library_id) << "spread over both libraries";
    }
  }
}

TEST(HoldingsTest, BarcodeScheme) {  // C1
  EXPECT_EQ(CopyBarcode("ndl", "029455884", 1), "110294558841");
  EXPECT_EQ(CopyBarcode("ndl", "000011151866", 2), "110111518662");  // zero-padded JAPAN/MARC id
  EXPECT_EQ(CopyBarcode("aozora", "000789", 3), "130000007893");
  EXPECT_EQ(CopyBarcode("loc", "ocm42943498", 1).substr(0, 2), "12");
  EXPECT_EQ(CopyBarcode("demo", "demo-general-1", 1).substr(0, 2), "19");
}

TEST(HoldingsTest, SameRecordSameCopies) {  // C1: a second import creates the same copies
  const BibRecord r = Record("ndl", "029455884");
  const auto a = MakeHoldings(r, kReference);
  const auto b = MakeHoldings(r, kReference);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].barcode, b[i].barcode);
    EXPECT_EQ(a[i].library_id, b[i].library_id);
    EXPECT_EQ(a[i].accession_date, b[i].accession_date);
  }
  // The reference date moves the accession dates only.
  const auto later = MakeHoldings(r, kReference + 100);
  ASSERT_EQ(later.size(), a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(later[i].barcode, a[i].barcode);
    EXPECT_EQ(later[i].accession_date, a[i].accession_date + 100);
  }
}

// Every record of every file, and the demo set, twice: barcodes are unique and do not change.
TEST(HoldingsTest, UniqueAndStableOverAllFiles) {  // C1, L1
  std::vector<BibRecord> all;
  for (const auto& [path, options] :
       {std::pair{SHIORI_DATA_DIR "/ndl-jpmarc-2019-sample.mrc", NdlMarcOptions()},
        std::pair{SHIORI_DATA_DIR "/loc-pride-and-prejudice.mrc", LocMarcOptions()}}) {
    absl::StatusOr<MarcFile> file = ReadMarcFile(path, options);
    ASSERT_TRUE(file.ok()) << file.status();
    all.insert(all.end(), file->records.begin(), file->records.end());
  }
  absl::StatusOr<std::vector<BibRecord>> aozora = ReadAozoraFile(SHIORI_DATA_DIR "/aozora-works-2017.csv");
  ASSERT_TRUE(aozora.ok()) << aozora.status();
  all.insert(all.end(), aozora->begin(), aozora->end());
  for (const DemoTitle& t : DemoCatalog(kReference)) all.push_back(t.record);
  ASSERT_EQ(all.size(), 233u + 365u + 14283u + DemoCatalog(kReference).size());

  std::map<std::string, std::string> owner;  // barcode → source:source_id
  std::map<std::string, int> per_library;
  std::map<size_t, int> per_count;
  size_t copies = 0;
  for (const BibRecord& r : all) {
    const auto first = MakeHoldings(r, kReference);
    const auto second = MakeHoldings(r, kReference);
    per_count[first.size()]++;
    for (size_t i = 0; i < first.size(); ++i) {
      EXPECT_EQ(first[i].barcode, second[i].barcode);
      const std::string who = r.source + ":" + r.source_id;
      auto [it, fresh] = owner.emplace(first[i].barcode, who);
      EXPECT_TRUE(fresh) << first[i].barcode << " of " << who << " is already " << it->second << "'s";
      per_library[first[i].library_id]++;
      ++copies;
    }
  }
  EXPECT_EQ(owner.size(), copies);
  // 1, 2 and 3 copies all occur, and both libraries hold a fair share.
  EXPECT_EQ(per_count.size(), 3u);
  EXPECT_GT(per_library[kMainLibrary], static_cast<int>(copies) / 3);
  EXPECT_GT(per_library[kBranchLibrary], static_cast<int>(copies) / 3);
}

}  // namespace
}  // namespace shiori::catalog
