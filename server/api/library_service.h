// shiori.v1.LibraryService: libraries, their calendars and the catalogue.
#ifndef SHIORI_SERVER_API_LIBRARY_SERVICE_H_
#define SHIORI_SERVER_API_LIBRARY_SERVICE_H_

#include "server/app/service_context.h"
#include "shiori/v1/library.grpc.pb.h"

namespace shiori::api {

class LibraryService final : public v1::LibraryService::Service {
 public:
  explicit LibraryService(const app::ServiceContext& ctx) : ctx_(ctx) {}
  grpc::Status ListLibraries(grpc::ServerContext* call, const v1::ListLibrariesRequest* req,
                             v1::ListLibrariesResponse* resp) override;
  grpc::Status SearchCatalog(grpc::ServerContext* call, const v1::SearchCatalogRequest* req,
                             v1::SearchCatalogResponse* resp) override;
  grpc::Status GetRecord(grpc::ServerContext* call, const v1::GetRecordRequest* req, v1::Record* resp) override;
  // The calendar (L1–L3, R11, B3).
  grpc::Status GetCalendar(grpc::ServerContext* call, const v1::GetCalendarRequest* req,
                           v1::GetCalendarResponse* resp) override;
  grpc::Status CreateClosure(grpc::ServerContext* call, const v1::CreateClosureRequest* req,
                             v1::CreateClosureResponse* resp) override;
  grpc::Status DeleteClosure(grpc::ServerContext* call, const v1::DeleteClosureRequest* req,
                             v1::DeleteClosureResponse* resp) override;
  grpc::Status CreateOpening(grpc::ServerContext* call, const v1::CreateOpeningRequest* req,
                             v1::ExceptionalOpening* resp) override;
  grpc::Status DeleteOpening(grpc::ServerContext* call, const v1::DeleteOpeningRequest* req,
                             v1::DeleteOpeningResponse* resp) override;

 private:
  const app::ServiceContext& ctx_;
};

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_LIBRARY_SERVICE_H_
