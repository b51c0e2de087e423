// The Client against an in-process fake of the services (no real server): session metadata, request ids kept
// across retries, which calls are retried, and error details carried over the wire.
#include "shiori/client.h"

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/synchronization/mutex.h"
#include "google/rpc/error_details.pb.h"
#include "shiori/error_details.h"
#include "shiori/grpc_status.h"
#include "shiori/v1/patron.grpc.pb.h"
#include "shiori/v1/reservation.grpc.pb.h"

namespace shiori {
namespace {

using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::SizeIs;

// What the fake saw of each call.
struct Seen {
  std::string authorization;
  std::string request_id;
};

std::string AuthorizationOf(grpc::ServerContext* context) {
  auto it = context->client_metadata().find("authorization");
  return it == context->client_metadata().end() ? "" : std::string(it->second.data(), it->second.size());
}

// Fails the first `unavailable_first` calls of each RPC with UNAVAILABLE, then answers.
class FakeReservations final : public v1::ReservationService::Service {
 public:
  int unavailable_first = 0;
  grpc::Status refusal = grpc::Status::OK;  // returned instead of an answer when set

  grpc::Status PlaceReservation(grpc::ServerContext* context, const v1::PlaceReservationRequest* request,
                                v1::Reservation* response) override {
    absl::MutexLock lock(&mu_);
    place_.push_back({AuthorizationOf(context), request->request_id()});
    if (static_cast<int>(place_.size()) <= unavailable_first) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "database down");
    }
    if (!refusal.ok()) return refusal;
    response->set_name("reservations/1");
    response->set_state(v1::WAITING);
    response->set_queue_position(1);
    return grpc::Status::OK;
  }

  grpc::Status ListReservations(grpc::ServerContext* context, const v1::ListReservationsRequest*,
                                v1::ListReservationsResponse* response) override {
    absl::MutexLock lock(&mu_);
    list_.push_back({AuthorizationOf(context), ""});
    if (static_cast<int>(list_.size()) <= unavailable_first) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "database down");
    }
    response->add_reservations()->set_name("reservations/1");
    return grpc::Status::OK;
  }

  std::vector<Seen> place() {
    absl::MutexLock lock(&mu_);
    return place_;
  }
  std::vector<Seen> list() {
    absl::MutexLock lock(&mu_);
    return list_;
  }

 private:
  absl::Mutex mu_;
  std::vector<Seen> place_;
  std::vector<Seen> list_;
};

class FakePatrons final : public v1::PatronService::Service {
 public:
  int login_calls = 0;
  bool unavailable = false;

  grpc::Status Login(grpc::ServerContext*, const v1::LoginRequest* request, v1::LoginResponse* response) override {
    ++login_calls;
    last_channel = request->channel();
    if (unavailable) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "down");
    response->set_session_token("token-of-" + request->patron_number());
    return grpc::Status::OK;
  }
  grpc::Status Logout(grpc::ServerContext*, const v1::LogoutRequest*, v1::LogoutResponse*) override {
    return grpc::Status::OK;
  }
  v1::Channel last_channel = v1::CHANNEL_UNSPECIFIED;
};

class ClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.RegisterService(&reservations_);
    builder.RegisterService(&patrons_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override { server_->Shutdown(); }

  Client MakeClient(v1::Channel channel = v1::INTERNET) {
    ClientOptions options;
    options.retry.initial_backoff = absl::ZeroDuration();  // no waiting in tests
    options.retry.max_backoff = absl::ZeroDuration();
    options.deadline = absl::Seconds(30);  // generous: a slow machine must not fail the test
    options.channel = channel;
    return Client(options, server_->InProcessChannel(grpc::ChannelArguments()));
  }

  FakeReservations reservations_;
  FakePatrons patrons_;
  std::unique_ptr<grpc::Server> server_;
};

TEST_F(ClientTest, LoginKeepsTheTokenAndSendsItAsBearer) {  // P9: sessions are bearer tokens
  Client client = MakeClient();
  v1::LoginRequest login;
  login.set_patron_number("0000001");
  login.set_password("shiori01");
  ASSERT_TRUE(client.Login(login).ok());
  EXPECT_EQ(client.session_token(), "token-of-0000001");
  EXPECT_EQ(patrons_.last_channel, v1::INTERNET);  // filled from the options (R3 channel, P9 timeout)

  ASSERT_TRUE(client.ListReservations().ok());
  ASSERT_THAT(reservations_.list(), SizeIs(1));
  EXPECT_EQ(reservations_.list()[0].authorization, "Bearer token-of-0000001");

  ASSERT_TRUE(client.Logout().ok());
  EXPECT_EQ(client.session_token(), "");
}

TEST_F(ClientTest, NoTokenNoAuthorizationHeader) {
  Client client = MakeClient();
  ASSERT_TRUE(client.ListReservations().ok());
  EXPECT_EQ(reservations_.list()[0].authorization, "");
}

TEST_F(ClientTest, TerminalChannelIsSentOnLogin) {  // P9: 3-minute sessions at the in-library terminal
  Client client = MakeClient(v1::TERMINAL);
  ASSERT_TRUE(client.Login(v1::LoginRequest()).ok());
  EXPECT_EQ(patrons_.last_channel, v1::TERMINAL);
}

TEST_F(ClientTest, PlaceReservationRetriedWithTheSameRequestId) {  // R3/R8: a retry never reserves twice
  reservations_.unavailable_first = 2;
  Client client = MakeClient();
  client.set_session_token("t");
  v1::PlaceReservationRequest req;
  req.set_record("records/1");
  req.set_pickup_library("main");
  auto r = client.PlaceReservation(req);
  ASSERT_TRUE(r.ok()) << r.status();
  auto seen = reservations_.place();
  ASSERT_THAT(seen, SizeIs(3));
  EXPECT_EQ(seen[0].request_id.size(), 36u);  // a UUID was filled in
  EXPECT_THAT(seen, Each(::testing::Field(&Seen::request_id, seen[0].request_id)));
  EXPECT_THAT(seen, Each(::testing::Field(&Seen::authorization, "Bearer t")));
}

TEST_F(ClientTest, CallersRequestIdIsSentAsIs) {
  Client client = MakeClient();
  v1::PlaceReservationRequest req;
  req.set_request_id("my-id");
  ASSERT_TRUE(client.PlaceReservation(req).ok());
  EXPECT_EQ(reservations_.place()[0].request_id, "my-id");
}

TEST_F(ClientTest, ReadsRetriedUntilAttemptsRunOut) {
  reservations_.unavailable_first = 100;
  Client client = MakeClient();
  auto r = client.ListReservations();
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(reservations_.list(), SizeIs(ClientOptions().retry.max_attempts));
}

TEST_F(ClientTest, LoginNotRetried) {
  patrons_.unavailable = true;
  Client client = MakeClient();
  auto r = client.Login(v1::LoginRequest());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(patrons_.login_calls, 1);
  EXPECT_EQ(client.session_token(), "");
}

TEST_F(ClientTest, RefusalDetailsSurviveTheWire) {  // R4 refusal with its reason and Japanese message
  google::rpc::ErrorInfo info;
  info.set_reason("NOT_RESERVABLE_MATERIAL");
  info.set_domain("shiori.library");
  (*info.mutable_metadata())["rule"] = "R4";
  google::rpc::LocalizedMessage ja;
  ja.set_locale("ja-JP");
  ja.set_message("視聴覚資料は予約できません");
  absl::Status refusal = absl::FailedPreconditionError("NOT_RESERVABLE_MATERIAL");
  refusal.SetPayload(kErrorInfoUrl, absl::Cord(info.SerializeAsString()));
  refusal.SetPayload(kLocalizedMessageUrl, absl::Cord(ja.SerializeAsString()));
  reservations_.refusal = ToGrpcStatus(refusal);

  Client client = MakeClient();
  auto r = client.PlaceReservation(v1::PlaceReservationRequest());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(r.status()), "NOT_RESERVABLE_MATERIAL");
  EXPECT_EQ(ErrorMetadata(r.status(), "rule"), "R4");
  EXPECT_EQ(LocalizedMessage(r.status()), "視聴覚資料は予約できません");
  EXPECT_THAT(reservations_.place(), SizeIs(1));  // a refusal is an answer: not retried
}

TEST(ClientConnect, UnreadableCaFileIsRefused) {
  ClientOptions options;
  options.tls_ca_file = "/nonexistent/ca.pem";
  EXPECT_EQ(Client::Connect(options).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ClientConnect, CaFileThatIsNotPemIsRefused) {
  const std::string path = ::testing::TempDir() + "/not-a-ca.der";
  std::ofstream(path) << "0\x82\x03 not a certificate";
  ClientOptions options;
  options.tls_ca_file = path;
  auto client = Client::Connect(options);
  EXPECT_EQ(client.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(client.status().message(), ::testing::HasSubstr("is not a PEM certificate"));
  // A key given as the CA is no certificate either.
  std::ofstream(path) << "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n";
  EXPECT_EQ(Client::Connect(options).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ClientConnect, CertWithoutKeyIsRefused) {
  ClientOptions options;
  options.tls_cert_file = "cert.pem";
  EXPECT_EQ(Client::Connect(options).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ClientConnect, UnreachableServerIsUnavailable) {
  ClientOptions options;
  options.server_address = "unix:/nonexistent-shiori-dir/no.sock";
  options.retry.initial_backoff = absl::ZeroDuration();
  options.retry.max_backoff = absl::ZeroDuration();
  auto client = Client::Connect(options);
  ASSERT_TRUE(client.ok());
  EXPECT_EQ(client->ListLibraries().status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace shiori
