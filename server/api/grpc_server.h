// Builds and runs the gRPC server: the four services, the health service and reflection, on one address,
// with TLS (and mutual TLS) when certificates are given.
#ifndef SHIORI_SERVER_API_GRPC_SERVER_H_
#define SHIORI_SERVER_API_GRPC_SERVER_H_

#include <grpcpp/server.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/app/service_context.h"

namespace shiori::api {

struct ListenOptions {
  std::string address = "localhost:50051";
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string tls_client_ca_file;  // when set, clients must present a certificate signed by it
};

class GrpcServer {
 public:
  // Starts serving; returns once the server accepts calls. `ctx` must outlive the server.
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(const app::ServiceContext& ctx, const ListenOptions& opts);
  ~GrpcServer();
  // Stops taking calls, lets running calls finish (up to the grace period), then stops.
  void Shutdown(absl::Duration grace);
  int port() const { return port_; }
  // What grpc.health.v1.Health answers for the server (SERVING, or NOT_SERVING while its database is
  // unreachable: a balancer sends calls elsewhere).
  void SetServing(bool serving);

 private:
  GrpcServer() = default;
  struct Services;
  std::unique_ptr<Services> services_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace shiori::api

#endif  // SHIORI_SERVER_API_GRPC_SERVER_H_
