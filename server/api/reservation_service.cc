// See reservation_service.h.
#include "server/api/reservation_service.h"

#include "server/api/call_guard.h"
#include "server/api/proto_mapping.h"
#include "server/api/circulation_mapping.h"
#include "server/app/desk_lists.h"
#include "server/app/reservations.h"
#include "server/common/error.h"

namespace shiori::api {

grpc::Status ReservationService::PlaceReservation(grpc::ServerContext* call, const v1::PlaceReservationRequest* req,
                                                  v1::Reservation* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.ReservationService/PlaceReservation", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto record = ParseId(req->record(), "records", "record");
                     if (!record.ok()) return record.status();
                     app::PlaceReservationInput in;
                     in.record_id = *record;
                     in.pickup_library = LibraryId(req->pickup_library());
                     in.notify_method = req->notify_method();
                     in.request_id = req->request_id();
                     in.validate_only = req->validate_only();
                     const app::Caller* patron = &caller;
                     app::Caller at_counter;
                     if (caller.is_staff()) {
                       // At the counter: for the patron whose number staff give (R3: every channel counts).
                       if (req->patron_number().empty()) {
                         return InvalidField("patron_number", "staff reserve for a patron: give the patron's number")
                             .Rule("R3");
                       }
                       auto found = app::AtTheCounter(ctx_, caller, req->patron_number());
                       if (!found.ok()) return found.status();
                       at_counter = *std::move(found);
                       patron = &at_counter;
                     } else if (!req->patron_number().empty() && req->patron_number() != caller.patron_number) {
                       return InvalidField("patron_number", "a patron reserves for themselves: leave it empty")
                           .Rule("R3");
                     }
                     auto r = app::PlaceReservation(ctx_, *patron, in);
                     if (!r.ok()) return r.status();
                     ToReservation(*r, resp);
                     return absl::OkStatus();
                   });
}

grpc::Status ReservationService::ListReservations(grpc::ServerContext* call, const v1::ListReservationsRequest* req,
                                                  v1::ListReservationsResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.ReservationService/ListReservations", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     // A patron has at most a handful of active reservations (R3): one page holds them all.
                     if (absl::Status s = CheckSinglePage(req->page_size(), req->page_token()); !s.ok()) return s;
                     auto rows = app::ListReservations(ctx_, caller);
                     if (!rows.ok()) return rows.status();
                     for (const auto& r : *rows) ToReservation(r, resp->add_reservations());
                     return absl::OkStatus();
                   });
}

grpc::Status ReservationService::CancelReservation(grpc::ServerContext* call, const v1::CancelReservationRequest* req,
                                                   v1::Reservation* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.ReservationService/CancelReservation", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto id = ParseId(req->name(), "reservations", "name");
                     if (!id.ok()) return id.status();
                     auto r = app::CancelReservation(ctx_, caller, *id);
                     if (!r.ok()) return r.status();
                     ToReservation(*r, resp);
                     return absl::OkStatus();
                   });
}

grpc::Status ReservationService::ListHoldShelf(grpc::ServerContext* call, const v1::ListHoldShelfRequest* req,
                                               v1::ListHoldShelfResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.ReservationService/ListHoldShelf", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto rows = app::ListHoldShelf(ctx_, caller, LibraryId(req->library()), false);
                     if (!rows.ok()) return rows.status();
                     for (const auto& r : *rows) ToHoldShelfEntry(r, resp->add_entries());
                     auto left = app::ListLeftOnHoldShelf(ctx_, caller, LibraryId(req->library()));
                     if (!left.ok()) return left.status();
                     for (const auto& l : *left) {
                       v1::LeftOnHoldShelf* out = resp->add_left_on_shelf();
                       out->set_barcode(l.barcode);
                       out->set_record(absl::StrCat("records/", l.record_id));
                       out->set_title(l.title);
                       out->set_since_time(ToRfc3339(l.since));
                     }
                     return absl::OkStatus();
                   });
}

grpc::Status ReservationService::ListCalls(grpc::ServerContext* call, const v1::ListCallsRequest* req,
                                           v1::ListHoldShelfResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.ReservationService/ListCalls", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto rows = app::ListHoldShelf(ctx_, caller, LibraryId(req->library()), true);
                     if (!rows.ok()) return rows.status();
                     for (const auto& r : *rows) ToHoldShelfEntry(r, resp->add_entries());
                     return absl::OkStatus();
                   });
}

grpc::Status ReservationService::MarkCalled(grpc::ServerContext* call, const v1::MarkCalledRequest* req,
                                            v1::HoldShelfEntry* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.ReservationService/MarkCalled", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto id = ParseId(req->name(), "reservations", "name");
                     if (!id.ok()) return id.status();
                     auto row = app::MarkCalled(ctx_, caller, *id);
                     if (!row.ok()) return row.status();
                     ToHoldShelfEntry(*row, resp);
                     return absl::OkStatus();
                   });
}

grpc::Status ReservationService::ListPullList(grpc::ServerContext* call, const v1::ListPullListRequest* req,
                                              v1::ListPullListResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.ReservationService/ListPullList", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto rows = app::ListPullList(ctx_, caller, LibraryId(req->library()));
                     if (!rows.ok()) return rows.status();
                     for (const auto& r : *rows) ToPullListEntry(r, resp->add_entries());
                     return absl::OkStatus();
                   });
}

grpc::Status ReservationService::ListTransits(grpc::ServerContext* call, const v1::ListTransitsRequest* req,
                                              v1::ListTransitsResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.ReservationService/ListTransits", *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto t = app::ListTransits(ctx_, caller, LibraryId(req->library()));
                     if (!t.ok()) return t.status();
                     for (const auto& r : t->outgoing) ToTransitEntry(r, resp->add_outgoing());
                     for (const auto& r : t->expected) ToTransitEntry(r, resp->add_expected());
                     return absl::OkStatus();
                   });
}

}  // namespace shiori::api
