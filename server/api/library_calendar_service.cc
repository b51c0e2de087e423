// The calendar RPCs of shiori.v1.LibraryService (see library_service.h): GetCalendar, and staff's closures and
// exceptional openings (L1–L3, R11, B3). Kept apart from the catalogue handlers of library_service.cc.
#include "server/api/calendar_mapping.h"
#include "server/api/call_guard.h"
#include "server/api/library_service.h"
#include "server/api/proto_mapping.h"
#include "server/app/library_calendars.h"
#include "server/common/error.h"

namespace shiori::api {
namespace {

absl::StatusOr<app::CalendarExceptionInput> ExceptionInput(const std::string& parent, absl::string_view what,
                                                           const google::type::Date& start, bool has_start,
                                                           const google::type::Date& end, bool has_end,
                                                           const std::string& reason) {
  app::CalendarExceptionInput in;
  in.library_id = LibraryId(parent);
  if (in.library_id.empty()) return InvalidField("parent", "expected libraries/{library}");
  auto s = FromDate(start, absl::StrCat(what, ".start_date"), has_start);
  if (!s.ok()) return s.status();
  auto e = FromDate(end, absl::StrCat(what, ".end_date"), has_end);
  if (!e.ok()) return e.status();
  in.start_date = *s;
  in.end_date = *e;
  in.reason = reason;
  return in;
}

}  // namespace

grpc::Status LibraryService::GetCalendar(grpc::ServerContext* call, const v1::GetCalendarRequest* req,
                                         v1::GetCalendarResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.LibraryService/GetCalendar", *req, [&](const app::Caller&) -> absl::Status {
    const std::string library = LibraryId(req->library());
    if (library.empty()) return InvalidField("library", "expected libraries/{library}");
    auto first = FromDate(req->start_date(), "start_date", req->has_start_date());
    if (!first.ok()) return first.status();
    auto last = FromDate(req->end_date(), "end_date", req->has_end_date());
    if (!last.ok()) return last.status();
    auto range = app::GetLibraryCalendar(ctx_, library, *first, *last);
    if (!range.ok()) return range.status();
    ToCalendarResponse(*range, resp);
    ToDate(ctx_.clock->Today(), resp->mutable_today());
    return absl::OkStatus();
  });
}

grpc::Status LibraryService::CreateClosure(grpc::ServerContext* call, const v1::CreateClosureRequest* req,
                                           v1::CreateClosureResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.LibraryService/CreateClosure", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     const auto& c = req->closure();
                     auto in = ExceptionInput(req->parent(), "closure", c.start_date(), c.has_start_date(),
                                              c.end_date(), c.has_end_date(), c.reason());
                     if (!in.ok()) return in.status();
                     in->kind = store::CalendarExceptionKind::kClosure;
                     in->request_id = req->request_id();
                     in->validate_only = req->validate_only();
                     auto r = app::CreateCalendarException(ctx_, caller, *in);
                     if (!r.ok()) return r.status();
                     ToClosure(r->row, resp->mutable_closure());
                     resp->set_moved_due_dates(r->moved.due_dates);
                     resp->set_moved_pickup_deadlines(r->moved.pickup_deadlines);
                     return absl::OkStatus();
                   });
}

grpc::Status LibraryService::DeleteClosure(grpc::ServerContext* call, const v1::DeleteClosureRequest* req,
                                           v1::DeleteClosureResponse*) {
  return CallGuard(ctx_, call, "/shiori.v1.LibraryService/DeleteClosure", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto name = ParseCalendarEntryName(req->name(), "closures", "name");
                     if (!name.ok()) return name.status();
                     return app::DeleteCalendarException(ctx_, caller, name->library_id,
                                                         store::CalendarExceptionKind::kClosure, name->id)
                         .status();
                   });
}

grpc::Status LibraryService::CreateOpening(grpc::ServerContext* call, const v1::CreateOpeningRequest* req,
                                           v1::ExceptionalOpening* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.LibraryService/CreateOpening", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     const auto& o = req->opening();
                     auto in = ExceptionInput(req->parent(), "opening", o.start_date(), o.has_start_date(),
                                              o.end_date(), o.has_end_date(), o.reason());
                     if (!in.ok()) return in.status();
                     in->kind = store::CalendarExceptionKind::kOpening;
                     in->request_id = req->request_id();
                     in->validate_only = req->validate_only();
                     auto r = app::CreateCalendarException(ctx_, caller, *in);
                     if (!r.ok()) return r.status();
                     ToOpening(r->row, resp);
                     return absl::OkStatus();
                   });
}

grpc::Status LibraryService::DeleteOpening(grpc::ServerContext* call, const v1::DeleteOpeningRequest* req,
                                           v1::DeleteOpeningResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.LibraryService/DeleteOpening", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto name = ParseCalendarEntryName(req->name(), "openings", "name");
                     if (!name.ok()) return name.status();
                     auto r = app::DeleteCalendarException(ctx_, caller, name->library_id,
                                                           store::CalendarExceptionKind::kOpening, name->id);
                     if (!r.ok()) return r.status();
                     resp->set_moved_due_dates(r->moved.due_dates);
                     resp->set_moved_pickup_deadlines(r->moved.pickup_deadlines);
                     return absl::OkStatus();
                   });
}

}  // namespace shiori::api
