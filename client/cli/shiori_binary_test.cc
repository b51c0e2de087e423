// Runs the `shiori` binary itself: usage errors exit 2, an unreachable server exits 3, and against an
// in-process fake of the services (on a unix socket, no real server) the patron's story — login with
// --password-stdin, reserve, the two lists of R13, a refusal with its reason, logout — prints what it should
// and exits 0 or 1.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "google/rpc/error_details.pb.h"
#include "shiori/error_details.h"
#include "shiori/grpc_status.h"
#include "shiori/v1/library.grpc.pb.h"
#include "shiori/v1/patron.grpc.pb.h"
#include "shiori/v1/reservation.grpc.pb.h"

namespace shiori::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class ShioriRunner {
 public:
  ShioriRunner() {
    std::string tmpl = absl::StrCat(::testing::TempDir(), "/shiori-cli-XXXXXX");
    dir_ = ::mkdtemp(tmpl.data());
  }
  ~ShioriRunner() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  ShioriRunner(const ShioriRunner&) = delete;
  ShioriRunner& operator=(const ShioriRunner&) = delete;
  const std::string& dir() const { return dir_; }
  std::string session_path() const { return dir_ + "/cfg/shiori/session"; }

  // `args` is shell words, already quoted where needed. Never inherits SHIORI_SERVER or a terminal.
  Result Run(const std::string& args, const std::string& stdin_text = "", const std::string& env = "") const {
    std::ofstream(dir_ + "/in") << stdin_text;
    std::string cmd = absl::StrCat("env -u SHIORI_SERVER XDG_CONFIG_HOME='", dir_, "/cfg' HOME='", dir_, "' ", env,
                                   " '", SHIORI_CLI_BINARY, "' ", args, " <'", dir_, "/in' >'", dir_, "/out' 2>'",
                                   dir_, "/err'");
    int status = std::system(cmd.c_str());
    Result r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadFile(dir_ + "/out");
    r.err = ReadFile(dir_ + "/err");
    if (std::getenv("SHIORI_TEST_SHOW_OUTPUT") != nullptr) {  // to look at the human output while editing it
      std::cerr << "$ shiori " << args << "  → exit " << r.exit_code << "\n" << r.out << r.err;
    }
    return r;
  }

 private:
  std::string dir_;
};

// --- no server needed ---

struct UsageRow {
  const char* args;
  const char* why;
};

TEST(ShioriBinary, UsageErrorsExitTwo) {
  const UsageRow rows[] = {
      {"", "no command"},
      {"nosuch", "unknown command"},
      {"search", "no words"},
      {"search 猫 --type foo", "unknown material type (C3)"},
      {"search 猫 --page-size -1", "negative page size"},
      {"show", "no record"},
      {"reserve 12", "no pickup library (R2)"},
      {"reserve 12 --pickup main --notify fax", "notice is email or phone (R2)"},
      {"cancel", "no reservation"},
      {"cancel RESERVATION_ID", "not a reservation number"},
      {"login", "no patron number"},
      {"login 0000001", "no terminal and no --password-stdin"},
      {"--tls-ca /nonexistent/ca.pem libraries", "unreadable CA file"},
  };
  ShioriRunner shiori;
  for (const auto& row : rows) {
    Result r = shiori.Run(row.args);
    EXPECT_EQ(r.exit_code, 2) << row.args << " — " << row.why << "\n" << r.err;
    EXPECT_EQ(r.out, "") << row.args;
    EXPECT_THAT(r.err, HasSubstr("エラー: ")) << row.args;  // in Japanese first
  }
  EXPECT_THAT(shiori.Run("nosuch").err, HasSubstr("shiori にそのコマンドはありません: nosuch"));
  EXPECT_THAT(shiori.Run("staff frobnicate").err, HasSubstr("shiori staff にそのコマンドはありません: frobnicate"));
}

TEST(ShioriBinary, UsageErrorWithJsonIsAJsonDocumentOnStderr) {
  ShioriRunner shiori;
  Result r = shiori.Run("search --json");
  EXPECT_EQ(r.exit_code, 2);
  auto doc = nlohmann::json::parse(r.err, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.err;
  EXPECT_EQ(doc["error"]["code"], "USAGE");
}

TEST(ShioriBinary, HelpExitsZero) {
  ShioriRunner shiori;
  Result r = shiori.Run("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("reservations"));
}

TEST(ShioriBinary, UnreachableServerExitsThree) {
  ShioriRunner shiori;
  const std::string nowhere = absl::StrCat("unix:", shiori.dir(), "/no-server.sock");
  Result r = shiori.Run(absl::StrCat("--server ", nowhere, " libraries"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("サーバーに接続できません"));
  EXPECT_THAT(r.err, HasSubstr("UNAVAILABLE"));

  r = shiori.Run("search 猫 --json", "", absl::StrCat("SHIORI_SERVER=", nowhere));  // env SHIORI_SERVER
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(r.out, "");
  auto doc = nlohmann::json::parse(r.err, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.err;
  EXPECT_EQ(doc["error"]["code"], "UNAVAILABLE");
  EXPECT_EQ(doc["error"]["exit_code"], 3);
}

// --- against a fake of the services ---

absl::Status Refusal(absl::StatusCode code, const std::string& reason, const std::string& rule,
                     const std::string& ja) {
  google::rpc::ErrorInfo info;
  info.set_reason(reason);
  info.set_domain("shiori.library");
  if (!rule.empty()) (*info.mutable_metadata())["rule"] = rule;
  google::rpc::LocalizedMessage msg;
  msg.set_locale("ja-JP");
  msg.set_message(ja);
  absl::Status s(code, reason + ": refused");
  s.SetPayload(kErrorInfoUrl, absl::Cord(info.SerializeAsString()));
  s.SetPayload(kLocalizedMessageUrl, absl::Cord(msg.SerializeAsString()));
  return s;
}

std::string Bearer(grpc::ServerContext* context) {
  auto it = context->client_metadata().find("authorization");
  return it == context->client_metadata().end() ? "" : std::string(it->second.data(), it->second.size());
}

v1::Library MakeLibrary(const std::string& id, const std::string& ja, const std::string& en) {
  v1::Library l;
  l.set_name("libraries/" + id);
  l.set_library_id(id);
  l.set_display_name(ja);
  l.set_display_name_en(en);
  l.set_pickup_location(true);
  return l;
}

class FakeLibrary final : public v1::LibraryService::Service {
  grpc::Status ListLibraries(grpc::ServerContext*, const v1::ListLibrariesRequest*,
                             v1::ListLibrariesResponse* response) override {
    *response->add_libraries() = MakeLibrary("main", "本館", "Main Library");
    *response->add_libraries() = MakeLibrary("branch", "分館", "Branch Library");
    return grpc::Status::OK;
  }
  grpc::Status GetRecord(grpc::ServerContext*, const v1::GetRecordRequest* request, v1::Record* r) override {
    if (request->name() != "12") return ToGrpcStatus(absl::NotFoundError("no such record"));
    r->set_name("records/12");
    r->set_record_id("12");
    r->set_title("吾輩は猫である");
    r->set_material_type(v1::GENERAL_BOOK);
    r->set_reservable(true);
    r->set_waiting_reservation_count(1);
    auto* c = r->add_copies();
    c->set_barcode("1000012");
    c->set_home_library("libraries/branch");
    c->set_availability(v1::AVAILABILITY_ON_LOAN);
    c->set_material_type(v1::GENERAL_BOOK);
    c->mutable_due_date()->set_year(2026);
    c->mutable_due_date()->set_month(12);
    c->mutable_due_date()->set_day(10);
    return grpc::Status::OK;
  }
};

class FakePatrons final : public v1::PatronService::Service {
  grpc::Status Login(grpc::ServerContext*, const v1::LoginRequest* request, v1::LoginResponse* response) override {
    if (request->patron_number() != "0000001" || request->password() != "shiori01") {
      return ToGrpcStatus(Refusal(absl::StatusCode::kUnauthenticated, "INVALID_CREDENTIALS", "P8",
                                  "利用者番号またはパスワードが違います"));
    }
    response->set_session_token("tok-1");
    response->set_idle_timeout_seconds(1800);
    response->mutable_patron()->set_patron_number("0000001");
    response->mutable_patron()->set_display_name("栞 花子");
    return grpc::Status::OK;
  }
  grpc::Status Logout(grpc::ServerContext*, const v1::LogoutRequest*, v1::LogoutResponse*) override {
    return grpc::Status::OK;
  }
};

class FakeReservations final : public v1::ReservationService::Service {
 public:
  std::vector<std::string> list_authorizations() {
    absl::MutexLock lock(&mu_);
    return list_authorizations_;
  }

 private:
  grpc::Status PlaceReservation(grpc::ServerContext* context, const v1::PlaceReservationRequest* request,
                                v1::Reservation* r) override {
    if (Bearer(context) != "Bearer tok-1") {
      return ToGrpcStatus(Refusal(absl::StatusCode::kUnauthenticated, "UNAUTHENTICATED", "", "ログインしてください"));
    }
    if (request->record() == "av1") {
      return ToGrpcStatus(Refusal(absl::StatusCode::kFailedPrecondition, "NOT_RESERVABLE_MATERIAL", "R4",
                                  "視聴覚資料は予約できません"));
    }
    if (request->pickup_library() != "libraries/main" && request->pickup_library() != "main") {
      absl::Status bad = absl::InvalidArgumentError("bad pickup");
      google::rpc::BadRequest fields;
      auto* v = fields.add_field_violations();
      v->set_field("pickup_library");
      v->set_description("unknown library: " + request->pickup_library());
      bad.SetPayload(kBadRequestUrl, absl::Cord(fields.SerializeAsString()));
      return ToGrpcStatus(bad);
    }
    r->set_name("reservations/r1");
    r->set_reservation_id("r1");
    r->set_title("吾輩は猫である");
    r->set_pickup_library("libraries/main");
    r->set_notify_method(request->notify_method() == v1::TELEPHONE ? v1::TELEPHONE : v1::EMAIL);
    r->set_state(v1::WAITING);
    r->set_queue_position(2);
    return grpc::Status::OK;
  }

  grpc::Status ListReservations(grpc::ServerContext* context, const v1::ListReservationsRequest*,
                                v1::ListReservationsResponse* response) override {
    {
      absl::MutexLock lock(&mu_);
      list_authorizations_.push_back(Bearer(context));
    }
    if (Bearer(context) != "Bearer tok-1") {
      return ToGrpcStatus(Refusal(absl::StatusCode::kUnauthenticated, "UNAUTHENTICATED", "", "ログインしてください"));
    }
    auto* w = response->add_reservations();
    w->set_reservation_id("r1");
    w->set_title("吾輩は猫である");
    w->set_pickup_library("libraries/main");
    w->set_state(v1::WAITING);
    w->set_queue_position(2);
    w->set_notify_method(v1::EMAIL);
    auto* s = response->add_reservations();
    s->set_reservation_id("r2");
    s->set_title("こころ");
    s->set_pickup_library("libraries/branch");
    s->set_state(v1::SECURED);
    s->set_notify_method(v1::EMAIL);
    s->set_notice_failed(true);
    s->mutable_pickup_deadline()->set_year(2026);
    s->mutable_pickup_deadline()->set_month(12);
    s->mutable_pickup_deadline()->set_day(17);
    auto* t = response->add_reservations();
    t->set_reservation_id("r3");
    t->set_title("坊っちゃん");
    t->set_pickup_library("libraries/main");
    t->set_state(v1::IN_TRANSIT);
    auto* done = response->add_reservations();
    done->set_reservation_id("r4");
    done->set_title("三四郎");
    done->set_state(v1::CANCELLED);
    return grpc::Status::OK;
  }

  absl::Mutex mu_;
  std::vector<std::string> list_authorizations_;
};

class ShioriAgainstFake : public ::testing::Test {
 protected:
  void SetUp() override {
    socket_ = shiori_.dir() + "/fake.sock";
    grpc::ServerBuilder builder;
    builder.AddListeningPort("unix:" + socket_, grpc::InsecureServerCredentials());
    builder.RegisterService(&library_);
    builder.RegisterService(&patrons_);
    builder.RegisterService(&reservations_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override { server_->Shutdown(); }

  std::string server() const { return "unix:" + socket_; }
  Result Shiori(const std::string& args, const std::string& stdin_text = "") {
    return shiori_.Run(absl::StrCat("--server '", server(), "' ", args), stdin_text);
  }
  Result LogIn() { return Shiori("login 0000001 --password-stdin", "shiori01\n"); }

  ShioriRunner shiori_;
  std::string socket_;
  FakeLibrary library_;
  FakePatrons patrons_;
  FakeReservations reservations_;
  std::unique_ptr<grpc::Server> server_;
};

TEST_F(ShioriAgainstFake, LoginStoresAPrivateSessionForThatServer) {  // P3, P9
  Result r = LogIn();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("ログインしました"));
  struct stat st;
  ASSERT_EQ(::stat(shiori_.session_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_THAT(ReadFile(shiori_.session_path()), HasSubstr("server=" + server()));
}

TEST_F(ShioriAgainstFake, LoginJsonNeverPrintsTheToken) {
  Result r = Shiori("--json login 0000001 --password-stdin", "shiori01");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  EXPECT_EQ(doc["patron"]["patron_number"], "0000001");
  EXPECT_THAT(r.out, Not(HasSubstr("tok-1")));
}

TEST_F(ShioriAgainstFake, WrongPasswordIsARefusal) {  // P8: one generic reason
  Result r = Shiori("login 0000001 --password-stdin", "wrong\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("INVALID_CREDENTIALS"));
  EXPECT_THAT(r.err, HasSubstr("利用者番号またはパスワードが違います"));
  struct stat st;
  EXPECT_NE(::stat(shiori_.session_path().c_str(), &st), 0);  // no session stored
}

TEST_F(ShioriAgainstFake, ReserveWithPickupLibraryByName) {  // R2
  ASSERT_EQ(LogIn().exit_code, 0);
  Result r = Shiori("reserve 12 --pickup 本館 --notify phone");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("予約しました"));
  EXPECT_THAT(r.out, HasSubstr("2番目"));  // R8 position
  EXPECT_THAT(r.out, HasSubstr("電話"));

  r = Shiori("reserve 12 --pickup main --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  EXPECT_EQ(doc["queue_position"], 2);
  EXPECT_EQ(doc["state"], "WAITING");
}

TEST_F(ShioriAgainstFake, RefusalShowsReasonRuleAndJapanese) {  // R4
  ASSERT_EQ(LogIn().exit_code, 0);
  Result r = Shiori("reserve av1 --pickup main");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("NOT_RESERVABLE_MATERIAL"));
  EXPECT_THAT(r.err, HasSubstr("視聴覚資料は予約できません"));
  EXPECT_THAT(r.err, HasSubstr("R4"));

  r = Shiori("reserve av1 --pickup main --json");
  EXPECT_EQ(r.exit_code, 1);
  auto doc = nlohmann::json::parse(r.err, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.err;
  EXPECT_EQ(doc["error"]["reason"], "NOT_RESERVABLE_MATERIAL");
  EXPECT_EQ(doc["error"]["metadata"]["rule"], "R4");
}

TEST_F(ShioriAgainstFake, BadFieldIsShown) {
  ASSERT_EQ(LogIn().exit_code, 0);
  Result r = Shiori("reserve 12 --pickup nowhere");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("pickup_library"));
  EXPECT_THAT(r.err, HasSubstr("unknown library: nowhere"));
}

TEST_F(ShioriAgainstFake, ReservationsAsTheTwoListsOfR13) {  // R13, R15
  ASSERT_EQ(LogIn().exit_code, 0);
  Result r = Shiori("reservations");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& out = r.out;
  auto waiting = out.find("予約一覧");
  auto ready = out.find("予約確保一覧");
  ASSERT_NE(waiting, std::string::npos) << out;
  ASSERT_NE(ready, std::string::npos) << out;
  EXPECT_LT(out.find("吾輩は猫である"), ready);  // waiting one in the first list
  EXPECT_GT(out.find("こころ"), ready);          // secured one in the second
  EXPECT_GT(out.find("坊っちゃん"), ready);      // in transit too
  EXPECT_THAT(out, HasSubstr("2026-12-17(木)"));  // pickup deadline (R11)
  EXPECT_THAT(out, HasSubstr("分館"));            // pickup library by name
  EXPECT_THAT(out, HasSubstr("連絡不達"));        // R15
  EXPECT_THAT(out, Not(HasSubstr("三四郎")));     // cancelled: in neither list

  r = Shiori("reservations --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  EXPECT_EQ(doc["waiting"].size(), 1u);
  EXPECT_EQ(doc["ready"].size(), 2u);
  EXPECT_EQ(doc["reservations"].size(), 4u);
}

TEST_F(ShioriAgainstFake, TokenIsNeverSentToAnotherServer) {  // P9: a bearer token is a secret
  ASSERT_EQ(LogIn().exit_code, 0);
  // The same socket under another address string counts as another server.
  Result r = shiori_.Run(absl::StrCat("--server 'unix://", socket_, "' reservations"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("shiori login"));  // told how to log in
  auto seen = reservations_.list_authorizations();
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), "");
}

TEST_F(ShioriAgainstFake, ShowPrintsCopiesAndReservability) {  // C1
  Result r = Shiori("show 12");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("吾輩は猫である"));
  EXPECT_THAT(r.out, HasSubstr("分館"));
  EXPECT_THAT(r.out, HasSubstr("貸出中"));
  EXPECT_THAT(r.out, HasSubstr("2026-12-10(木)"));
  EXPECT_THAT(r.out, HasSubstr("予約できます"));
  r = Shiori("show 99");
  EXPECT_EQ(r.exit_code, 1);
}

TEST_F(ShioriAgainstFake, LogoutRemovesTheSession) {
  ASSERT_EQ(LogIn().exit_code, 0);
  Result r = Shiori("logout");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  struct stat st;
  EXPECT_NE(::stat(shiori_.session_path().c_str(), &st), 0);
  EXPECT_EQ(Shiori("logout").exit_code, 0);  // twice is fine
}

}  // namespace
}  // namespace shiori::cli
