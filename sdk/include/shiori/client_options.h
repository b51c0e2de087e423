// How a shiori::Client reaches the server: address, TLS, deadline, retries and the channel the calls come from.
// A plain value; copy it freely.
#ifndef SHIORI_SDK_CLIENT_OPTIONS_H_
#define SHIORI_SDK_CLIENT_OPTIONS_H_

#include <string>

#include "absl/time/time.h"
#include "shiori/v1/common.pb.h"

namespace shiori {

// Retries of idempotent calls (reads, and mutations carrying a request_id) that failed with UNAVAILABLE.
// The wait before attempt n+1 is initial_backoff * multiplier^(n-1), capped at max_backoff; no attempt starts
// after the call's deadline.
struct RetryPolicy {
  int max_attempts = 4;  // the first attempt included; 1 turns retries off
  absl::Duration initial_backoff = absl::Milliseconds(200);
  absl::Duration max_backoff = absl::Seconds(2);
  double multiplier = 2.0;
};

struct ClientOptions {
  // gRPC target: "host:port", "dns:///host:port", "unix:/path/to/socket".
  std::string server_address = "localhost:50051";

  // PEM file of the CA that signed the server's certificate. When set the channel uses TLS; when empty and no
  // client certificate is set, the channel is plaintext (for loopback and tests).
  std::string tls_ca_file;
  // PEM files of a client certificate and its key, for mutual TLS (service accounts). Both or neither; setting
  // them turns TLS on (with the system's roots when tls_ca_file is empty).
  std::string tls_cert_file;
  std::string tls_key_file;

  // A service account's API key (another municipal system, P10), sent as `x-api-key` metadata on every call.
  std::string api_key;

  // The whole call, retries included, must finish within this time.
  absl::Duration deadline = absl::Seconds(10);

  RetryPolicy retry;

  // Where the calls come from (R3 counts all channels, P9 picks the idle timeout). Sent in Login requests that
  // leave their channel unspecified.
  v1::Channel channel = v1::INTERNET;
};

}  // namespace shiori

#endif  // SHIORI_SDK_CLIENT_OPTIONS_H_
