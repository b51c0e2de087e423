// See staff_patron_service.h.
#include "server/api/staff_patron_service.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/api/account_mapping.h"
#include "server/api/call_guard.h"
#include "server/app/audit_trail.h"
#include "server/app/page_tokens.h"
#include "server/app/staff_patrons.h"
#include "server/common/error.h"
#include "server/store/audit_query.h"

namespace shiori::api {
namespace {

std::string Method(const char* name) { return absl::StrCat("/shiori.v1.StaffPatronService/", name); }

absl::Status Reply(const absl::StatusOr<store::PatronRow>& row, v1::PatronRecord* resp) {
  if (!row.ok()) return row.status();
  ToPatronRecord(*row, resp);
  return absl::OkStatus();
}

}  // namespace

grpc::Status StaffPatronService::CreatePatron(grpc::ServerContext* call, const v1::CreatePatronRequest* req,
                                              v1::PatronRecord* resp) {
  return CallGuard(ctx_, call, Method("CreatePatron"), *req, [&](const app::Caller& caller) {
    return Reply(app::CreatePatron(ctx_, caller, FromPatronRecord(req->patron()), req->request_id(),
                                   req->validate_only()),
                 resp);
  });
}

grpc::Status StaffPatronService::UpdatePatron(grpc::ServerContext* call, const v1::UpdatePatronRequest* req,
                                              v1::PatronRecord* resp) {
  return CallGuard(ctx_, call, Method("UpdatePatron"), *req, [&](const app::Caller& caller) {
    std::set<std::string> mask(req->update_mask().paths().begin(), req->update_mask().paths().end());
    const std::string number =
        PatronNumberOf(req->patron().name().empty() ? req->patron().patron_number() : req->patron().name());
    return Reply(app::UpdatePatron(ctx_, caller, number, FromPatronRecord(req->patron()), mask, req->validate_only()),
                 resp);
  });
}

grpc::Status StaffPatronService::GetPatron(grpc::ServerContext* call, const v1::GetPatronRequest* req,
                                           v1::PatronRecord* resp) {
  return CallGuard(ctx_, call, Method("GetPatron"), *req, [&](const app::Caller& caller) {
    return RenameField(Reply(app::GetPatron(ctx_, caller, PatronNumberOf(req->name())), resp), "patron_number", "name");
  });
}

grpc::Status StaffPatronService::SearchPatrons(grpc::ServerContext* call, const v1::SearchPatronsRequest* req,
                                               v1::SearchPatronsResponse* resp) {
  return CallGuard(ctx_, call, Method("SearchPatrons"), *req, [&](const app::Caller& caller) -> absl::Status {
    auto page = app::SearchPatrons(ctx_, caller, req->query(), req->page_size(), req->page_token());
    if (!page.ok()) return page.status();
    for (const auto& p : page->patrons) ToPatronRecord(p, resp->add_patrons());
    resp->set_next_page_token(page->next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status StaffPatronService::ResetPassword(grpc::ServerContext* call, const v1::ResetPasswordRequest* req,
                                               v1::PatronRecord* resp) {
  return CallGuard(ctx_, call, Method("ResetPassword"), *req, [&](const app::Caller& caller) {
    return RenameField(Reply(app::ResetPassword(ctx_, caller, PatronNumberOf(req->name())), resp), "patron_number",
                       "name");
  });
}

grpc::Status StaffPatronService::SetPatronCategory(grpc::ServerContext* call, const v1::SetPatronCategoryRequest* req,
                                                   v1::PatronRecord* resp) {
  return CallGuard(ctx_, call, Method("SetPatronCategory"), *req, [&](const app::Caller& caller) {
    return RenameField(Reply(app::SetCategory(ctx_, caller, PatronNumberOf(req->name()), req->category()), resp),
                       "patron_number", "name");
  });
}

grpc::Status AuditLogService::ListAuditLog(grpc::ServerContext* call, const v1::ListAuditLogRequest* req,
                                           v1::ListAuditLogResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.AuditLogService/ListAuditLog", *req, [&](const app::Caller&) -> absl::Status {
    store::AuditFilter f{req->actor(), req->action(), req->target(), 0, 50};
    if (req->page_size() < 0) return InvalidField("page_size", "must not be negative");
    if (req->page_size() > 0) f.limit = std::min(req->page_size(), 500);
    // The position is the id of the last entry of the page before: a positive number, as this list writes it.
    const std::string list = absl::StrCat("audit:", f.actor, "\x1f", f.action, "\x1f", f.target);
    if (!req->page_token().empty()) {
      auto position = app::PagePosition(req->page_token(), list);
      if (!position.ok()) return position.status();
      if (!absl::SimpleAtoi(*position, &f.before_id) || f.before_id <= 0 || absl::StrCat(f.before_id) != *position) {
        return InvalidField("page_token", "not a page token of this list", "INVALID_PAGE_TOKEN");
      }
    }
    ++f.limit;  // one more than asked: whether there is a next page
    auto found = app::ListAuditLog(ctx_, f);
    if (!found.ok()) return found.status();
    std::vector<store::AuditRow> rows = *std::move(found);
    const size_t page = static_cast<size_t>(f.limit - 1);
    if (rows.size() > page) {
      rows.resize(page);
      resp->set_next_page_token(app::MakePageToken(absl::StrCat(rows.back().id), list));
    }
    for (const auto& r : rows) ToAuditEntry(r, resp->add_entries());
    return absl::OkStatus();
  });
}

}  // namespace shiori::api
