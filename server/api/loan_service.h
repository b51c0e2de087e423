// shiori.v1.LoanService: a patron's loans and the staff desk (check-out, check-in, transit, force return,
// magazine issues).
#ifndef SHIORI_SERVER_API_LOAN_SERVICE_H_
#define SHIORI_SERVER_API_LOAN_SERVICE_H_

#include "server/app/service_context.h"
#include "shiori/v1/loan.grpc.pb.h"

namespace shiori::api {

class LoanService final : public v1::LoanService::Service {
 public:
  explicit LoanService(const app::ServiceContext& ctx) : ctx_(ctx) {}
  grpc::Status ListLoans(grpc::ServerContext* call, const v1::ListLoansRequest* req,
                         v1::ListLoansResponse* resp) override;
  grpc::Status RenewLoan(grpc::ServerContext* call, const v1::RenewLoanRequest* req, v1::Loan* resp) override;
  grpc::Status ListReadingHistory(grpc::ServerContext* call, const v1::ListReadingHistoryRequest* req,
                                  v1::ListLoansResponse* resp) override;
  grpc::Status SetReadingHistory(grpc::ServerContext* call, const v1::SetReadingHistoryRequest* req,
                                 v1::ReadingHistorySetting* resp) override;
  grpc::Status Checkout(grpc::ServerContext* call, const v1::CheckoutRequest* req,
                        v1::CheckoutResponse* resp) override;
  grpc::Status Checkin(grpc::ServerContext* call, const v1::CheckinRequest* req, v1::CopyRouting* resp) override;
  grpc::Status ReceiveTransit(grpc::ServerContext* call, const v1::ReceiveTransitRequest* req,
                              v1::CopyRouting* resp) override;
  grpc::Status ForceReturn(grpc::ServerContext* call, const v1::ForceReturnRequest* req,
                           v1::CopyRouting* resp) override;
  grpc::Status ReceiveMagazineIssue(grpc::ServerContext* call, const v1::ReceiveMagazineIssueRequest* req,
                                    v1::MagazineIssueReceived* resp) override;

 private:
  const app::ServiceContext& ctx_;
};

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_LOAN_SERVICE_H_
