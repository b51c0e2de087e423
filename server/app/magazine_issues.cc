// See magazine_issues.h.
#include "server/app/magazine_issues.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/app/desk_access.h"
#include "server/common/error.h"
#include "server/common/utf8_chars.h"
#include "server/policy/barcode.h"
#include "server/store/catalog_store.h"
#include "server/store/circulation_store.h"
#include "server/store/loan_store.h"
#include "server/text/search_text.h"

namespace shiori::app {
namespace {

constexpr size_t kMaxSeriesTitleChars = 500;  // record.series_title
constexpr size_t kMaxTitleChars = 1000;       // record.title
constexpr size_t kMaxSourceIdBytes = 64;      // record.source_id

// The source id of an issue's record made at a desk: "<series>#<issue>", or, when that does not fit, the
// series' start (whole characters) and a hash of the whole series, so that two long titles never share one.
std::string DeskSourceId(const std::string& series_title, int issue_number) {
  std::string id = absl::StrCat(series_title, "#", issue_number);
  if (id.size() <= kMaxSourceIdBytes) return id;
  const std::string tail = absl::StrCat("#", absl::Hex(std::hash<std::string>{}(series_title), absl::kZeroPad16),
                                        "#", issue_number);
  return absl::StrCat(Utf8Prefix(series_title, kMaxSourceIdBytes - tail.size()), tail);
}

}  // namespace

absl::StatusOr<MagazineIssueResult> ReceiveMagazineIssue(const ServiceContext& ctx, const Caller& caller,
                                                        const MagazineIssueInput& in) {
  auto library = DeskLibrary(caller, in.library);
  if (!library.ok()) return library.status();
  // R5: kept with single spaces (a full-width one comes from a Japanese keyboard), and found by its key whatever
  // width, case or spacing it was typed in (store::SeriesKey).
  const std::string series = text::CanonicalSeriesTitle(in.series_title);
  if (series.empty()) {
    return InvalidField("series_title", "the magazine's title").Rule("R1");
  }
  if (absl::Status s = CheckLength("series_title", series, kMaxSeriesTitleChars); !s.ok()) return s;
  if (absl::Status s = CheckLength("title", in.title, kMaxTitleChars); !s.ok()) return s;
  if (in.issue_number <= 0) return InvalidField("issue_number", "the issue number, 1 or more").Rule("R5");
  auto typed = policy::NormalizeBarcode(in.barcode, "R5");
  if (!typed.ok()) return typed.status();
  const std::string& barcode = *typed;
  MagazineIssueResult result;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    result = MagazineIssueResult();
    const absl::Time now = ctx.clock->Now();
    // The latest issue's row first: it serialises two desks receiving issues of one magazine.
    auto latest = store::FindLatestIssue(tx, series, /*lock=*/true);
    if (!latest.ok()) return latest.status();
    const bool newest = !latest->has_value() || in.issue_number > (*latest)->issue_number;
    // The issue's record if the catalogue has it (imported, or received before), else a new one.
    auto existing_issue = store::FindIssue(tx, series, in.issue_number);
    if (!existing_issue.ok()) return existing_issue.status();
    int64_t record_id = 0;
    if (existing_issue->has_value()) {
      record_id = **existing_issue;
    } else {
      store::RecordRow r;
      r.source = "desk";
      r.source_id = DeskSourceId(series, in.issue_number);
      r.title = in.title.empty() ? absl::StrCat(series, " ", in.issue_number, "号") : in.title;
      r.material_type = v1::MAGAZINE;
      r.series_title = series;
      r.issue_number = in.issue_number;
      r.latest_issue = newest;
      auto record = store::InsertRecordIfMissing(
          tx, r, store::SearchTextOf(r));
      if (!record.ok()) return record.status();
      record_id = record->id;
    }
    result.record_id = record_id;
    store::CopyRow copy;
    copy.barcode = barcode;
    copy.record_id = record_id;
    copy.home_library = *library;
    copy.current_library = *library;
    copy.material_type = v1::MAGAZINE;
    copy.accession_date = TokyoDay(now);
    auto inserted = store::InsertCopyIfMissing(tx, copy);
    if (!inserted.ok()) return inserted.status();
    if (!*inserted) {
      auto existing = store::FindCopyByBarcode(tx, barcode);
      if (!existing.ok()) return existing.status();
      if (!existing->has_value() || (*existing)->record_id != record_id) {
        return Error(absl::StatusCode::kAlreadyExists, "BARCODE_TAKEN", "このバーコードは別の資料に使われています")
            .Field("barcode", "already used by another copy")
            .English("the barcode belongs to another copy");
      }
      if ((*existing)->home_library != *library) {  // this issue's copy, received by the other library
        return Error(absl::StatusCode::kAlreadyExists, "BARCODE_TAKEN",
                     "このバーコードは別の館の資料として受け入れ済みです")
            .Meta("home_library", (*existing)->home_library)
            .Field("barcode", "already received as a copy of another library")
            .English("the barcode was received as another library's copy of this issue");
      }
    }
    if (newest && existing_issue->has_value()) {
      absl::Status marked = store::SetLatestIssue(tx, record_id, true);  // R5: it is the latest now
      if (!marked.ok()) return marked;
    }
    if (newest && latest->has_value() && (*latest)->record_id != record_id) {
      absl::Status flipped = store::SetLatestIssue(tx, (*latest)->record_id, false);
      if (!flipped.ok()) return flipped;
      result.former_latest_record_id = (*latest)->record_id;
      auto waiting = store::WaitingReservations(tx, (*latest)->record_id);
      if (!waiting.ok()) return waiting.status();
      result.former_latest_waiting = *waiting;
    }
    return AuditDesk(tx, caller, "receive_magazine_issue", absl::StrCat("records/", record_id),
                     absl::StrCat("series=", series, " issue=", in.issue_number, " barcode=", barcode),
                     now);
  });
  if (!s.ok()) return s;
  return result;
}

}  // namespace shiori::app
