// See desk_access.h.
#include "server/app/desk_access.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/common/error.h"
#include "server/store/circulation_store.h"

namespace shiori::app {

absl::StatusOr<std::string> DeskLibrary(const Caller& caller, const std::string& library) {
  if (!caller.is_staff()) {
    return Error(absl::StatusCode::kPermissionDenied, "STAFF_ONLY", "職員としてログインしてください")
        .Rule("P10")
        .English("log in as staff");
  }
  if (library.empty()) {
    if (caller.libraries.size() == 1) return caller.libraries.front();
    return InvalidField("library", "give the library of the desk (--at)").Rule("P10");
  }
  const bool mine = std::find(caller.libraries.begin(), caller.libraries.end(), library) != caller.libraries.end();
  if (!mine && !caller.admin) {
    return Error(absl::StatusCode::kPermissionDenied, "NOT_YOUR_LIBRARY", "この館の業務は行えません")
        .Rule("P10")
        .Meta("library", library)
        .Field("library", absl::StrCat("a library you work at (", absl::StrJoin(caller.libraries, ", "), ")"))
        .English(absl::StrCat("you do not work at ", library));
  }
  return library;
}

absl::Status AuditDesk(store::Tx& tx, const Caller& caller, const std::string& action, const std::string& target,
                       const std::string& detail, absl::Time now) {
  store::AuditEntry e;
  e.actor = caller.is_staff() ? absl::StrCat("staff:", caller.staff_login)
                              : caller.is_patron() ? absl::StrCat("patron:", caller.patron_number) : "system";
  e.action = action;
  e.target = target;
  e.detail = detail;
  e.peer = caller.peer;
  return store::InsertAudit(tx, e, now);
}

}  // namespace shiori::app
