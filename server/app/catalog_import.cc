// See catalog_import.h.
#include "server/app/catalog_import.h"

#include "absl/strings/str_cat.h"
#include "server/store/catalog_store.h"
#include "server/store/word_grams.h"
#include "server/text/search_text.h"

namespace shiori::app {
namespace {

constexpr size_t kBatch = 500;

store::RecordRow ToRow(const catalog::BibRecord& b) {
  store::RecordRow r;
  r.source = b.source;
  r.source_id = b.source_id;
  r.title = b.title;
  r.title_kana = b.title_kana;
  r.subtitle = b.subtitle;
  r.responsibility = b.responsibility;
  for (const auto& c : b.contributors) r.contributors.push_back({c.role, c.name, c.name_kana});
  r.publisher = b.publisher;
  r.publication_year = b.publication_year;
  r.isbn = b.isbn;
  r.ndc = b.ndc;
  r.subjects = b.subjects;
  r.material_type = b.material_type;
  r.series_title = text::CanonicalSeriesTitle(b.series_title);  // R5: as the desk looks it up
  r.issue_number = b.issue_number;
  r.latest_issue = b.latest_issue;
  return r;
}

}  // namespace

std::string SearchTextOf(const catalog::BibRecord& b) { return store::SearchTextOf(ToRow(b)); }

absl::StatusOr<ImportCounts> ImportTitles(store::Database& db, const std::vector<ImportTitle>& titles) {
  ImportCounts counts;
  for (size_t start = 0; start < titles.size(); start += kBatch) {
    size_t end = std::min(titles.size(), start + kBatch);
    ImportCounts batch;
    absl::Status s = db.InTransaction([&](store::Tx& tx) -> absl::Status {
      batch = ImportCounts();
      for (size_t i = start; i < end; ++i) {
        const ImportTitle& t = titles[i];
        ++batch.records_seen;
        auto up = store::InsertRecordIfMissing(tx, ToRow(t.record), SearchTextOf(t.record));
        if (!up.ok()) return up.status();
        if (up->inserted) ++batch.records_added;
        for (const auto& c : t.copies) {
          store::CopyRow row;
          row.barcode = c.barcode;
          row.record_id = up->id;
          row.home_library = c.library_id;
          row.material_type = c.material_type;
          row.accession_date = c.accession_date;
          auto added = store::InsertCopyIfMissing(tx, row);
          if (!added.ok()) return added.status();
          if (*added) ++batch.copies_added;
        }
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    counts.records_seen += batch.records_seen;
    counts.records_added += batch.records_added;
    counts.copies_added += batch.copies_added;
  }
  if (counts.records_added > 0 || counts.copies_added > 0) {
    // Fresh statistics for the planner: InnoDB gathers them on its own only later, and until then it takes
    // the tables for nearly empty (a desk list planned so ran for minutes after a first import).
    absl::Status analyzed = db.WithConnection([](store::Tx& tx) { return store::AnalyzeCatalogTables(tx); });
    if (!analyzed.ok()) return analyzed;
  }
  return counts;
}

}  // namespace shiori::app
