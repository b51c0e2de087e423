// shiori.v1.ReservationService: a patron's reservations, and the staff desk's lists of them.
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
  // Staff: the desk's lists (R9, R10, R11).
  grpc::Status ListHoldShelf(grpc::ServerContext* call, const v1::ListHoldShelfRequest* req,
                             v1::ListHoldShelfResponse* resp) override;
  grpc::Status ListCalls(grpc::ServerContext* call, const v1::ListCallsRequest* req,
                         v1::ListHoldShelfResponse* resp) override;
  grpc::Status MarkCalled(grpc::ServerContext* call, const v1::MarkCalledRequest* req,
                          v1::HoldShelfEntry* resp) override;
  grpc::Status ListPullList(grpc::ServerContext* call, const v1::ListPullListRequest* req,
                            v1::ListPullListResponse* resp) override;
  grpc::Status ListTransits(grpc::ServerContext* call, const v1::ListTransitsRequest* req,
                            v1::ListTransitsResponse* resp) override;

 private:
  const app::ServiceContext& ctx_;
};

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_RESERVATION_SERVICE_H_
