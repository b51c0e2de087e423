// Account rows → API messages (Profile, PatronRecord, AuditEntry), and PatronRecord → the fields the desk edits.
#ifndef SHIORI_SERVER_API_ACCOUNT_MAPPING_H_
#define SHIORI_SERVER_API_ACCOUNT_MAPPING_H_

#include <string>

#include "absl/strings/string_view.h"
#include "server/app/patron_profile.h"
#include "server/app/staff_patrons.h"
#include "server/store/audit_query.h"
#include "shiori/v1/patron.pb.h"

namespace shiori::api {

void ToProfile(const app::PatronProfile& profile, v1::Profile* out);
void ToPatronRecord(const store::PatronRow& row, v1::PatronRecord* out);
app::PatronFields FromPatronRecord(const v1::PatronRecord& record);
void ToAuditEntry(const store::AuditRow& row, v1::AuditEntry* out);
// "patrons/0000001" or "0000001" → "0000001" (as typed otherwise; the use case normalises it).
std::string PatronNumberOf(absl::string_view name);

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_ACCOUNT_MAPPING_H_
