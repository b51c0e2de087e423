// See reservation_service.h.
#include "server/api/reservation_service.h"

#include "server/api/call_guard.h"
#include "server/api/proto_mapping.h"
#include "server/app/reservations.h"

namespace shiori::api {

grpc::Status ReservationService::PlaceReservation(grpc::ServerContext* call, const v1::PlaceReservationRequest* req,
                                                  v1::Reservation* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.ReservationService/PlaceReservation",
                   [&](const app::Caller& caller) -> absl::Status {
                     auto record = ParseId(req->record(), "records", "record");
                     if (!record.ok()) return record.status();
                     app::PlaceReservationInput in;
                     in.record_id = *record;
                     in.pickup_library = LibraryId(req->pickup_library());
                     in.notify_method = req->notify_method() == v1::NOTIFY_METHOD_UNSPECIFIED ? v1::EMAIL
                                                                                             : req->notify_method();
                     in.request_id = req->request_id();
                     in.validate_only = req->validate_only();
                     auto r = app::PlaceReservation(ctx_, caller, in);
                     if (!r.ok()) return r.status();
                     ToReservation(*r, resp);
                     return absl::OkStatus();
                   });
}

grpc::Status ReservationService::ListReservations(grpc::ServerContext* call, const v1::ListReservationsRequest*,
                                                  v1::ListReservationsResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.ReservationService/ListReservations",
                   [&](const app::Caller& caller) -> absl::Status {
                     auto rows = app::ListReservations(ctx_, caller);
                     if (!rows.ok()) return rows.status();
                     for (const auto& r : *rows) ToReservation(r, resp->add_reservations());
                     return absl::OkStatus();
                   });
}

grpc::Status ReservationService::CancelReservation(grpc::ServerContext* call, const v1::CancelReservationRequest* req,
                                                   v1::Reservation* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.ReservationService/CancelReservation",
                   [&](const app::Caller& caller) -> absl::Status {
                     auto id = ParseId(req->name(), "reservations", "name");
                     if (!id.ok()) return id.status();
                     auto r = app::CancelReservation(ctx_, caller, *id);
                     if (!r.ok()) return r.status();
                     ToReservation(*r, resp);
                     return absl::OkStatus();
                   });
}

}  // namespace shiori::api
