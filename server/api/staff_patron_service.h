// shiori.v1.StaffPatronService (patron records at the desk, P10) and shiori.v1.AuditLogService (admins).
#ifndef SHIORI_SERVER_API_STAFF_PATRON_SERVICE_H_
#define SHIORI_SERVER_API_STAFF_PATRON_SERVICE_H_

#include "server/app/service_context.h"
#include "shiori/v1/patron.grpc.pb.h"

namespace shiori::api {

class StaffPatronService final : public v1::StaffPatronService::Service {
 public:
  explicit StaffPatronService(const app::ServiceContext& ctx) : ctx_(ctx) {}
  grpc::Status CreatePatron(grpc::ServerContext* call, const v1::CreatePatronRequest* req,
                            v1::PatronRecord* resp) override;
  grpc::Status UpdatePatron(grpc::ServerContext* call, const v1::UpdatePatronRequest* req,
                            v1::PatronRecord* resp) override;
  grpc::Status GetPatron(grpc::ServerContext* call, const v1::GetPatronRequest* req, v1::PatronRecord* resp) override;
  grpc::Status SearchPatrons(grpc::ServerContext* call, const v1::SearchPatronsRequest* req,
                             v1::SearchPatronsResponse* resp) override;
  grpc::Status ResetPassword(grpc::ServerContext* call, const v1::ResetPasswordRequest* req,
                             v1::PatronRecord* resp) override;
  grpc::Status SetPatronCategory(grpc::ServerContext* call, const v1::SetPatronCategoryRequest* req,
                                 v1::PatronRecord* resp) override;

 private:
  const app::ServiceContext& ctx_;
};

class AuditLogService final : public v1::AuditLogService::Service {
 public:
  explicit AuditLogService(const app::ServiceContext& ctx) : ctx_(ctx) {}
  grpc::Status ListAuditLog(grpc::ServerContext* call, const v1::ListAuditLogRequest* req,
                            v1::ListAuditLogResponse* resp) override;

 private:
  const app::ServiceContext& ctx_;
};

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_STAFF_PATRON_SERVICE_H_
