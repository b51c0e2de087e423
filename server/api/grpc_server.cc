// See grpc_server.h.
#include "server/api/grpc_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "server/api/admin_service.h"
#include "server/api/library_service.h"
#include "server/api/loan_service.h"
#include "server/api/patron_service.h"
#include "server/api/reservation_service.h"
#include "server/api/staff_session_service.h"
#include "server/api/staff_patron_service.h"
#include "server/api/unparsable_request.h"
#include "shiori/v1/loan.grpc.pb.h"
#include "server/common/error.h"

namespace shiori::api {

struct GrpcServer::Services {
  explicit Services(const app::ServiceContext& ctx) : library(ctx), patron(ctx), reservation(ctx), loan(ctx), staff_session(ctx), admin(ctx), staff_patron(ctx), audit_log(ctx) {}
  LibraryService library;
  PatronService patron;
  ReservationService reservation;
  LoanService loan;
  StaffSessionService staff_session;
  AdminService admin;
  StaffPatronService staff_patron;
  AuditLogService audit_log;
};

namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path, absl::string_view flag) {
  std::ifstream in(path);
  if (!in) return InvalidField(flag, absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ListenOptions& o) {
  if (o.tls_cert_file.empty() && o.tls_key_file.empty()) return grpc::InsecureServerCredentials();
  if (o.tls_cert_file.empty() || o.tls_key_file.empty()) {
    return InvalidField("tls-cert", "give both --tls-cert and --tls-key");
  }
  auto cert = ReadFile(o.tls_cert_file, "tls-cert");
  if (!cert.ok()) return cert.status();
  auto key = ReadFile(o.tls_key_file, "tls-key");
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions ssl(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  ssl.pem_key_cert_pairs.push_back({*key, *cert});
  if (!o.tls_client_ca_file.empty()) {
    auto ca = ReadFile(o.tls_client_ca_file, "tls-client-ca");
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *ca;
    // Asked for and verified when given, not required: other systems authenticate by their certificate, and
    // patrons and staff on the same port by their sessions, as without it.
    ssl.client_certificate_request = GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

// Threads kept waiting for calls (above).
constexpr int kMaxIdleCallThreads = 64;

}  // namespace

absl::StatusOr<std::unique_ptr<GrpcServer>> GrpcServer::Start(const app::ServiceContext& ctx,
                                                              const ListenOptions& opts) {
  auto creds = Credentials(opts);
  if (!creds.ok()) return creds.status();
  std::unique_ptr<GrpcServer> s(new GrpcServer());
  s->services_ = std::make_unique<Services>(ctx);
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(opts.address, *creds, &s->port_);
  // The synchronous server runs each call on a thread that polls the completion queue. By default a thread
  // that finishes a call exits when 2 others are already waiting, and one is made whenever a call leaves
  // fewer than 1 waiting: with many calls at once, a thread created and destroyed for nearly every call.
  // Waiting threads cost only their stacks; keep up to kMaxIdleCallThreads.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 2);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, kMaxIdleCallThreads);
  builder.RegisterService(&s->services_->library);
  builder.RegisterService(&s->services_->patron);
  builder.RegisterService(&s->services_->reservation);
  builder.RegisterService(&s->services_->loan);
  builder.RegisterService(&s->services_->staff_session);
  builder.RegisterService(&s->services_->admin);
  builder.RegisterService(&s->services_->staff_patron);
  builder.RegisterService(&s->services_->audit_log);
  builder.experimental().SetInterceptorCreators(UnparsableRequestInterceptors());
  s->server_ = builder.BuildAndStart();
  if (!s->server_ || s->port_ == 0) {
    return Error(absl::StatusCode::kUnavailable, "LISTEN_FAILED", "待ち受けを開始できませんでした")
        .English(absl::StrCat("cannot listen on ", opts.address));
  }
  return s;
}

void GrpcServer::Shutdown(absl::Duration grace) {
  if (server_) {
    server_->GetHealthCheckService()->Shutdown();
    server_->Shutdown(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(grace));
    server_->Wait();
    server_.reset();
  }
}

void GrpcServer::SetServing(bool serving) {
  if (auto* health = server_->GetHealthCheckService()) health->SetServingStatus(serving);
}

GrpcServer::~GrpcServer() { Shutdown(absl::Seconds(5)); }

}  // namespace shiori::api
