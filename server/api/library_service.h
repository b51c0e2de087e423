// shiori.v1.LibraryService: libraries and the catalogue.
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

 private:
  const app::ServiceContext& ctx_;
};

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_LIBRARY_SERVICE_H_
