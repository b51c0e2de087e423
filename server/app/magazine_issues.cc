// See magazine_issues.h.
#include "server/app/magazine_issues.h"

#include "absl/strings/str_cat.h"
#include "server/app/desk_access.h"
#include "server/common/error.h"
#include "server/store/catalog_store.h"
#include "server/store/circulation_store.h"
#include "server/store/loan_store.h"
#include "server/text/search_text.h"

namespace shiori::app {

absl::StatusOr<MagazineIssueResult> ReceiveMagazineIssue(const ServiceContext& ctx, const Caller& caller,
                                                        const MagazineIssueInput& in) {
  auto library = DeskLibrary(caller, in.library);
  if (!library.ok()) return library.status();
  if (in.series_title.empty()) return InvalidField("series_title", "the magazine's title");
  if (in.issue_number <= 0) return InvalidField("issue_number", "the issue number, 1 or more");
  if (in.barcode.empty() || in.barcode.size() > 32) return InvalidField("barcode", "the new copy's barcode");
  MagazineIssueResult result;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    result = MagazineIssueResult();
    const absl::Time now = ctx.clock->Now();
    // The latest issue's row first: it serialises two desks receiving issues of one magazine.
    auto latest = store::FindLatestIssue(tx, in.series_title, /*lock=*/true);
    if (!latest.ok()) return latest.status();
    store::RecordRow r;
    r.source = "desk";
    r.source_id = absl::StrCat(in.series_title, "#", in.issue_number).substr(0, 64);
    r.title = in.title.empty() ? absl::StrCat(in.series_title, " ", in.issue_number, "号") : in.title;
    r.material_type = v1::MAGAZINE;
    r.series_title = in.series_title;
    r.issue_number = in.issue_number;
    const bool newest = !latest->has_value() || in.issue_number > (*latest)->issue_number;
    r.latest_issue = newest;
    auto record = store::InsertRecordIfMissing(
        tx, r, text::NormalizeForSearch(absl::StrCat(r.title, " ", r.series_title)));
    if (!record.ok()) return record.status();
    result.record_id = record->id;
    store::CopyRow copy;
    copy.barcode = in.barcode;
    copy.record_id = record->id;
    copy.home_library = *library;
    copy.current_library = *library;
    copy.material_type = v1::MAGAZINE;
    copy.accession_date = TokyoDay(now);
    auto inserted = store::InsertCopyIfMissing(tx, copy);
    if (!inserted.ok()) return inserted.status();
    if (!*inserted) {
      auto existing = store::FindCopyByBarcode(tx, in.barcode);
      if (!existing.ok()) return existing.status();
      if (!existing->has_value() || (*existing)->record_id != record->id) {
        return Error(absl::StatusCode::kAlreadyExists, "BARCODE_TAKEN", "このバーコードは別の資料に使われています")
            .Field("barcode", "already used by another copy")
            .English("the barcode belongs to another copy");
      }
    }
    if (newest && latest->has_value() && (*latest)->record_id != record->id) {
      absl::Status flipped = store::SetLatestIssue(tx, (*latest)->record_id, false);
      if (!flipped.ok()) return flipped;
      result.former_latest_record_id = (*latest)->record_id;
      auto waiting = store::WaitingReservations(tx, (*latest)->record_id);
      if (!waiting.ok()) return waiting.status();
      result.former_latest_waiting = *waiting;
    }
    return AuditDesk(tx, caller, "receive_magazine_issue", absl::StrCat("records/", record->id),
                     absl::StrCat("series=", in.series_title, " issue=", in.issue_number, " barcode=", in.barcode),
                     now);
  });
  if (!s.ok()) return s;
  return result;
}

}  // namespace shiori::app
