// A small demo catalogue covering every material type of rule C3, for first runs, demos and tests: general and
// children's books, a monthly magazine with several issues (each issue its own record, R1; the highest issue
// number is the latest issue, R5), a foreign book, a CD, a DVD, manga, reference, local history and
// administrative materials, and a book borrowed from another library. Titles, people and publishers are
// invented. Source "demo"; source ids are stable keys ("demo-general-1" …). Pure and thread-safe.
#ifndef SHIORI_SERVER_CATALOG_DEMO_SET_H_
#define SHIORI_SERVER_CATALOG_DEMO_SET_H_

#include <vector>

#include "absl/time/civil_time.h"
#include "server/catalog/bib_record.h"
#include "server/catalog/holdings.h"

namespace shiori::catalog {

struct DemoTitle {
  BibRecord record;
  std::vector<HoldingCopy> copies;
};

// The demo records with their copies. Copies are those of MakeHoldings(record, reference_date), except that the
// magazine issues arrive a month apart, the latest one 5 days before `reference_date`.
std::vector<DemoTitle> DemoCatalog(absl::CivilDay reference_date);

}  // namespace shiori::catalog

#endif  // SHIORI_SERVER_CATALOG_DEMO_SET_H_
