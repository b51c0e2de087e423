// See library_service.h.
#include "server/api/library_service.h"

#include "server/api/call_guard.h"
#include "server/api/proto_mapping.h"
#include "server/app/catalog_queries.h"

namespace shiori::api {

grpc::Status LibraryService::ListLibraries(grpc::ServerContext* call, const v1::ListLibrariesRequest* req,
                                           v1::ListLibrariesResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.LibraryService/ListLibraries", *req, [&](const app::Caller&) -> absl::Status {
    auto libs = app::ListLibraries(ctx_);
    if (!libs.ok()) return libs.status();
    for (const auto& l : *libs) ToLibrary(l, resp->add_libraries());
    return absl::OkStatus();
  });
}

grpc::Status LibraryService::SearchCatalog(grpc::ServerContext* call, const v1::SearchCatalogRequest* req,
                                           v1::SearchCatalogResponse* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.LibraryService/SearchCatalog", *req, [&](const app::Caller&) -> absl::Status {
    app::CatalogSearch search;
    search.query = req->query();
    for (int t : req->material_types()) search.material_types.push_back(t);
    search.library = LibraryId(req->library());
    search.page_size = req->page_size();
    search.page_token = req->page_token();
    auto page = app::SearchCatalog(ctx_, search);
    if (!page.ok()) return page.status();
    for (const auto& hit : page->hits) ToRecordSummary(hit, resp->add_records());
    resp->set_next_page_token(page->next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status LibraryService::GetRecord(grpc::ServerContext* call, const v1::GetRecordRequest* req, v1::Record* resp) {
  return CallGuard(ctx_, call, "/shiori.v1.LibraryService/GetRecord", *req, [&](const app::Caller& caller) -> absl::Status {
    auto id = ParseId(req->name(), "records", "name");
    if (!id.ok()) return id.status();
    auto detail = app::GetRecordDetail(ctx_, caller, *id);
    if (!detail.ok()) return detail.status();
    ToRecord(*detail, ctx_.policy, resp);
    return absl::OkStatus();
  });
}

}  // namespace shiori::api
