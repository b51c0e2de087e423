// See staff_patrons.h.
#include "server/app/staff_patrons.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/app/audit_trail.h"
#include "server/app/page_tokens.h"
#include "server/app/request_ids.h"
#include "server/common/error.h"
#include "server/common/utf8_chars.h"
#include "server/policy/account_rules.h"
#include "server/store/catalog_store.h"
#include "server/store/patron_record_store.h"
#include "server/store/registration_store.h"
#include "server/store/session_store.h"
#include "shiori/v1/common.pb.h"

namespace shiori::app {
namespace {

absl::Status NotFound(const std::string& number) {
  return Error(absl::StatusCode::kNotFound, "PATRON_NOT_FOUND", "その利用者番号は登録されていません")
      .Rule("P10")
      .Meta("patron_number", number);
}

// Checks the fields that will be written; returns INVALID_ARGUMENT with one violation per bad field.
absl::Status CheckFields(store::Tx& tx, const PatronFields& f) {
  Error bad(absl::StatusCode::kInvalidArgument, "INVALID_PATRON_RECORD", "利用者の登録内容に誤りがあります");
  bad.Rule("P10");
  bool any = false;
  if (!v1::PatronCategory_IsValid(f.category) || f.category == v1::PATRON_CATEGORY_UNSPECIFIED) {
    bad.Field("category", "RESIDENT, WORKER, STUDENT or WIDE_AREA");
    any = true;
  }
  if (IsBlankText(f.name)) {
    bad.Field("display_name", "give the name");
    any = true;
  }
  if (!policy::IsKanaName(f.name_kana)) {
    bad.Field("name_kana", "give the name in katakana (氏名カナ), e.g. ヤマダ タロウ");
    any = true;
  }
  // The columns' limits (characters): a longer value is named, never a database error.
  for (const auto& [field, value, max_chars] :
       {std::tuple<const char*, const std::string&, size_t>{"display_name", f.name, 200},
        {"name_kana", f.name_kana, 200}, {"address", f.address, 500}, {"phone", f.phone, 40}}) {
    if (CharacterCount(value) > max_chars) {
      bad.Field(field, absl::StrCat("at most ", max_chars, " characters"));
      any = true;
    }
  }
  const std::string digits = policy::NormalizePhone(f.phone);
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    bad.Field("phone", "a telephone number: digits, hyphens, spaces");
    any = true;
  }
  auto libraries = store::ListLibraries(tx);
  if (!libraries.ok()) return libraries.status();
  if (std::none_of(libraries->begin(), libraries->end(), [&](const auto& l) { return l.id == f.home_library; })) {
    bad.Field("home_library", "an existing library (main, branch)");
    any = true;
  }
  return any ? bad.status() : absl::OkStatus();
}

void Apply(const PatronFields& f, const std::set<std::string>& mask, store::PatronRow& row) {
  auto on = [&](const char* name) { return mask.empty() || mask.count(name) > 0; };
  if (on("category")) row.category = f.category;
  if (on("display_name")) row.name = f.name;
  if (on("name_kana")) row.name_kana = f.name_kana;
  if (on("address")) row.address = f.address;
  if (on("phone")) row.phone = f.phone;
  if (on("home_library")) row.home_library = f.home_library;
  if (on("blocked")) row.blocked = f.blocked;
}

PatronFields FieldsOf(const store::PatronRow& p) {
  return PatronFields{p.category, p.name, p.name_kana, p.address, p.phone, p.home_library, p.blocked};
}

absl::StatusOr<store::PatronRow> LockPatron(store::Tx& tx, const std::string& typed) {
  auto number = policy::NormalizePatronNumber(typed);
  if (!number.ok()) return number.status();
  auto p = store::FindPatronByNumber(tx, *number, /*lock=*/true);
  if (!p.ok()) return p.status();
  if (!p->has_value()) return NotFound(*number);
  return **p;
}

}  // namespace

absl::StatusOr<store::PatronRow> CreatePatron(const ServiceContext& ctx, const Caller& caller,
                                              const PatronFields& fields, const std::string& request_id,
                                              bool validate_only) {
  if (absl::Status id = CheckRequestId(request_id); !id.ok()) return id;
  const absl::Time now = ctx.clock->Now();
  store::PatronRow created;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    if (!request_id.empty()) {
      auto earlier = store::FindPatronByCreateRequest(tx, request_id);
      if (!earlier.ok()) return earlier.status();
      if (earlier->has_value()) {
        auto p = store::FindPatronById(tx, **earlier);
        if (!p.ok()) return p.status();
        if (!p->has_value()) return NotFound(request_id);
        // A retry registers the same person; the id sent with another person's record is another call.
        store::PatronRow asked;
        Apply(fields, {}, asked);
        const store::PatronRow& first = **p;
        if (asked.category != first.category || asked.name != first.name || asked.name_kana != first.name_kana ||
            asked.address != first.address || asked.phone != first.phone ||
            asked.home_library != first.home_library) {
          return RequestIdReused("patron");
        }
        created = first;
        return absl::OkStatus();
      }
    }
    if (absl::Status c = CheckFields(tx, fields); !c.ok()) return c;
    store::PatronRow row;
    Apply(fields, {}, row);
    if (validate_only) {
      created = row;
      return absl::OkStatus();
    }
    auto number = store::IssuePatronNumber(tx);
    if (!number.ok()) return number.status();
    row.patron_number = *number;
    auto id = store::InsertPatron(tx, row, now);
    if (!id.ok()) return id.status();
    row.id = *id;
    if (!request_id.empty()) {
      if (absl::Status r = store::SetPatronCreateRequest(tx, row.id, request_id); !r.ok()) return r;
    }
    created = row;
    return Audit(tx, caller, "patron.create", absl::StrCat("patrons/", row.patron_number),
                 absl::StrCat("category ", row.category, ", home ", row.home_library), now);
  });
  if (!s.ok()) return s;
  return created;
}

absl::StatusOr<store::PatronRow> UpdatePatron(const ServiceContext& ctx, const Caller& caller,
                                              const std::string& number, const PatronFields& fields,
                                              const std::set<std::string>& mask, bool validate_only) {
  for (const std::string& f : mask) {
    if (PatronFieldNames().count(f) == 0) {
      return Error(absl::StatusCode::kInvalidArgument, "INVALID_UPDATE_MASK", "変更できない項目が指定されています")
          .Field("update_mask", absl::StrCat("unknown or read-only field: ", f));
    }
  }
  const absl::Time now = ctx.clock->Now();
  store::PatronRow updated;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto row = LockPatron(tx, number);
    if (!row.ok()) return row.status();
    Apply(fields, mask, *row);
    if (absl::Status c = CheckFields(tx, FieldsOf(*row)); !c.ok()) return c;
    updated = *row;
    if (validate_only) return absl::OkStatus();
    if (absl::Status u = store::UpdatePatronRecord(tx, *row, now); !u.ok()) return u;
    std::vector<std::string> changed(mask.begin(), mask.end());
    return Audit(tx, caller, "patron.update", absl::StrCat("patrons/", row->patron_number),
                 changed.empty() ? "all fields" : absl::StrJoin(changed, ","), now);
  });
  if (!s.ok()) return s;
  return updated;
}

absl::StatusOr<store::PatronRow> GetPatron(const ServiceContext& ctx, const Caller& caller, const std::string& typed) {
  auto number = policy::NormalizePatronNumber(typed);
  if (!number.ok()) return number.status();
  store::PatronRow found;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto p = store::FindPatronByNumber(tx, *number);
    if (!p.ok()) return p.status();
    if (!p->has_value()) return NotFound(*number);
    found = **p;
    // Reading a patron's record is logged too: the library keeps patrons' data private.
    return Audit(tx, caller, "patron.get", absl::StrCat("patrons/", *number), "", ctx.clock->Now());
  });
  if (!s.ok()) return s;
  return found;
}

absl::StatusOr<PatronPage> SearchPatrons(const ServiceContext& ctx, const Caller& caller, const std::string& query,
                                         int page_size, const std::string& page_token) {
  const std::string q(absl::StripAsciiWhitespace(query));
  if (q.empty()) return InvalidField("query", "give a patron number, a name or a name in kana");
  if (page_size < 0) return InvalidField("page_size", "must not be negative");
  const int limit = page_size == 0 ? 20 : std::min(page_size, 100);
  auto number = policy::NormalizePatronNumber(q);
  const std::string kana = policy::NormalizeKana(q);
  // The position is the last patron number of the page before (P3: digits).
  const std::string list = absl::StrCat("patrons:", q);
  std::string after;
  if (!page_token.empty()) {
    auto position = PagePosition(page_token, list);
    if (!position.ok()) return position.status();
    if (position->empty() || position->size() > 20 ||
        !std::all_of(position->begin(), position->end(), absl::ascii_isdigit)) {
      return InvalidField("page_token", "not a page token of this list", "INVALID_PAGE_TOKEN");
    }
    after = *position;
  }
  PatronPage page;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto rows = store::SearchPatronRecords(tx, number.ok() ? *number : "", q, kana, after, limit + 1);
    if (!rows.ok()) return rows.status();
    page.patrons = std::move(*rows);
    if (static_cast<int>(page.patrons.size()) > limit) {
      page.patrons.resize(limit);
      page.next_page_token = MakePageToken(page.patrons.back().patron_number, list);
    }
    return Audit(tx, caller, "patron.search", "", absl::StrCat(page.patrons.size(), " found"), ctx.clock->Now());
  });
  if (!s.ok()) return s;
  return page;
}

absl::StatusOr<store::PatronRow> ResetPassword(const ServiceContext& ctx, const Caller& caller,
                                               const std::string& number) {
  const absl::Time now = ctx.clock->Now();
  store::PatronRow out;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto row = LockPatron(tx, number);
    if (!row.ok()) return row.status();
    if (absl::Status x = store::ClearPatronPassword(tx, row->id, now); !x.ok()) return x;
    if (absl::Status x = store::DeleteRegistration(tx, row->id); !x.ok()) return x;
    if (absl::Status x = store::EndOtherSessions(tx, store::kPatronSubject, row->id, "", now); !x.ok()) return x;
    row->password_hash.reset();
    out = *row;
    return Audit(tx, caller, "patron.reset_password", absl::StrCat("patrons/", row->patron_number), "", now);
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<store::PatronRow> SetCategory(const ServiceContext& ctx, const Caller& caller,
                                             const std::string& number, int category) {
  if (!v1::PatronCategory_IsValid(category) || category == v1::PATRON_CATEGORY_UNSPECIFIED) {
    return InvalidField("category", "RESIDENT, WORKER, STUDENT or WIDE_AREA").Rule("P1");
  }
  const absl::Time now = ctx.clock->Now();
  store::PatronRow out;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    auto row = LockPatron(tx, number);
    if (!row.ok()) return row.status();
    const int before = row->category;
    if (absl::Status x = store::SetPatronCategory(tx, row->id, category, now); !x.ok()) return x;
    row->category = category;
    out = *row;
    return Audit(tx, caller, "patron.category.set", absl::StrCat("patrons/", row->patron_number),
                 absl::StrCat(before, " -> ", category), now);
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace shiori::app
