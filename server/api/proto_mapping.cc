// See proto_mapping.h.
#include "server/api/proto_mapping.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/common/error.h"
#include "server/common/utf8_chars.h"
#include "server/policy/policy_config.h"
#include "server/policy/reservation_rules.h"

namespace shiori::api {

absl::StatusOr<int64_t> ParseId(absl::string_view name, absl::string_view collection, absl::string_view field) {
  absl::string_view id = name;
  (void)absl::ConsumePrefix(&id, absl::StrCat(collection, "/"));
  int64_t v = 0;
  // Digits only: a name is compared as written, so ` 1` or `+1` is no name of `1`.
  const bool digits = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || !absl::SimpleAtoi(id, &v) || v <= 0) {
    return InvalidField(field, absl::StrCat("expected ", collection, "/{id} or a number, got '",
                                            Utf8Prefix(name, 40), name.size() > 40 ? "…" : "", "'"));
  }
  return v;
}

absl::Status CheckSinglePage(int32_t page_size, const std::string& page_token) {
  if (page_size < 0) return InvalidField("page_size", "must not be negative");
  if (!page_token.empty()) return InvalidField("page_token", "this list has a single page", "INVALID_PAGE_TOKEN");
  return absl::OkStatus();
}

std::string LibraryId(absl::string_view name) {
  absl::string_view id = name;
  (void)absl::ConsumePrefix(&id, "libraries/");
  return std::string(id);
}

std::string LibraryName(absl::string_view id) { return absl::StrCat("libraries/", id); }

void ToDate(absl::CivilDay day, google::type::Date* out) {
  out->set_year(static_cast<int32_t>(day.year()));
  out->set_month(day.month());
  out->set_day(day.day());
}

std::string ToRfc3339(absl::Time t) { return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", t, absl::UTCTimeZone()); }

void ToLibrary(const store::LibraryRow& row, v1::Library* out) {
  out->set_name(LibraryName(row.id));
  out->set_library_id(row.id);
  out->set_display_name(row.display_name);
  out->set_display_name_en(row.display_name_en);
  out->set_pickup_location(row.pickup_location);
}

namespace {
void AddAuthors(const store::RecordRow& r, google::protobuf::RepeatedPtrField<std::string>* out) {
  for (const auto& c : r.contributors) out->Add(std::string(c.name));
}
}  // namespace

void ToRecordSummary(const app::RecordHit& hit, v1::RecordSummary* out) {
  const store::RecordRow& r = hit.record;
  out->set_name(absl::StrCat("records/", r.id));
  out->set_record_id(absl::StrCat(r.id));
  out->set_title(r.title);
  out->set_subtitle(r.subtitle);
  AddAuthors(r, out->mutable_authors());
  out->set_publisher(r.publisher);
  out->set_publication_year(r.publication_year);
  out->set_material_type(static_cast<v1::MaterialType>(r.material_type));
  out->set_copy_count(hit.stats.copies);
  out->set_available_copy_count(hit.stats.available);
  out->set_waiting_reservation_count(hit.stats.waiting);
}

void ToRecord(const app::RecordDetail& d, const v1::Policy& policy, v1::Record* out) {
  const store::RecordRow& r = d.record;
  out->set_name(absl::StrCat("records/", r.id));
  out->set_record_id(absl::StrCat(r.id));
  out->set_title(r.title);
  out->set_title_kana(r.title_kana);
  out->set_subtitle(r.subtitle);
  out->set_responsibility(r.responsibility);
  for (const auto& c : r.contributors) {
    auto* p = out->add_contributors();
    p->set_name(c.name);
    p->set_name_kana(c.name_kana);
    p->set_role(c.role);
  }
  out->set_publisher(r.publisher);
  out->set_publication_year(r.publication_year);
  out->set_isbn(r.isbn);
  out->set_ndc(r.ndc);
  for (const auto& s : r.subjects) out->add_subjects(s);
  out->set_material_type(static_cast<v1::MaterialType>(r.material_type));
  out->set_series_title(r.series_title);
  out->set_issue_number(r.issue_number);
  out->set_latest_issue(r.latest_issue);
  for (const auto& c : d.copies) {
    auto* copy = out->add_copies();
    copy->set_barcode(c.barcode);
    copy->set_home_library(LibraryName(c.home_library));
    copy->set_current_library(LibraryName(c.current_library));
    copy->set_material_type(static_cast<v1::MaterialType>(c.material_type));
    switch (c.status) {
      case store::kOnShelf:
        copy->set_availability(c.reservation_id ? v1::AVAILABILITY_ON_HOLD_SHELF : v1::AVAILABILITY_ON_SHELF);
        break;
      case store::kOnLoan:
        copy->set_availability(v1::AVAILABILITY_ON_LOAN);
        break;
      case store::kInTransit:
        copy->set_availability(v1::AVAILABILITY_IN_TRANSIT);
        break;
      default:
        copy->set_availability(v1::AVAILABILITY_ON_HOLD_SHELF);
    }
    const v1::MaterialTypePolicy* m = policy::FindMaterialType(policy, static_cast<v1::MaterialType>(c.material_type));
    copy->set_not_for_loan(m == nullptr || !m->loanable());
    if (c.due_date) ToDate(*c.due_date, copy->mutable_due_date());
  }
  out->set_waiting_reservation_count(d.waiting);
  out->set_reservable(d.reservable);
  out->set_not_reservable_reason(d.not_reservable_reason);
  out->set_source(absl::StrCat(r.source, ":", r.source_id));
}

void ToReservation(const store::ReservationRow& r, v1::Reservation* out) {
  if (r.id > 0) {
    out->set_name(absl::StrCat("reservations/", r.id));
    out->set_reservation_id(absl::StrCat(r.id));
  }
  out->set_record(absl::StrCat("records/", r.record_id));
  out->set_title(r.title);
  out->set_pickup_library(LibraryName(r.pickup_library));
  out->set_notify_method(static_cast<v1::NotifyMethod>(r.notify_method));
  out->set_state(static_cast<v1::ReservationState>(r.state));
  out->set_queue_position(r.queue_position);
  out->set_create_time(ToRfc3339(r.created_at));
  if (r.pickup_deadline) ToDate(*r.pickup_deadline, out->mutable_pickup_deadline());
  out->set_notice_failed(r.notice_failed);
  out->set_channel(static_cast<v1::Channel>(r.channel));
}

void ToPatron(const store::PatronRow& p, v1::Patron* out) {
  out->set_name(absl::StrCat("patrons/", p.patron_number));
  out->set_patron_number(p.patron_number);
  out->set_display_name(p.name);
  out->set_category(static_cast<v1::PatronCategory>(p.category));
  out->set_home_library(LibraryName(p.home_library));
}

}  // namespace shiori::api
