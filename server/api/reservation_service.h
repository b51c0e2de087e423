// shiori.v1.ReservationService: a patron's reservations.
#ifndef SHIORI_SERVER_API_RESERVATION_SERVICE_H_
#define SHIORI_SERVER_API_RESERVATION_SERVICE_H_

#include "server/app/service_context.h"
#include "shiori/v1/reservation.grpc.pb.h"

namespace shiori::api {

class ReservationService final : public v1::ReservationService::Service {
 public:
  explicit ReservationService(const app::ServiceContext& ctx) : ctx_(ctx) {}
  grpc::Status PlaceReservation(grpc::ServerContext* call, const v1::PlaceReservationRequest* req,
                                v1::Reservation* resp) override;
  grpc::Status ListReservations(grpc::ServerContext* call, const v1::ListReservationsRequest* req,
                                v1::ListReservationsResponse* resp) override;
  grpc::Status CancelReservation(grpc::ServerContext* call, const v1::CancelReservationRequest* req,
                                 v1::Reservation* resp) override;

 private:
  const app::ServiceContext& ctx_;
};

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_RESERVATION_SERVICE_H_
