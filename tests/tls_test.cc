// TLS and mutual TLS on a real server (P10): a CA, a server certificate and client certificates made by the test
// itself with openssl; a service account authenticated by its client certificate's common name; and the rule that
// without TLS the server listens on loopback only unless --insecure-listen is given.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "shiori/error_details.h"
#include "tests/support/test_env.h"

namespace shiori::testing {
namespace {

// Runs a shell command; returns its exit status and fills `output` with stdout+stderr.
int Shell(const std::string& command, std::string* output = nullptr) {
  std::string text;
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (p == nullptr) return -1;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  int status = ::pclose(p);
  if (output != nullptr) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A test CA and the certificates signed by it, in a fresh folder.
class TestPki {
 public:
  TestPki() : dir_(NewTempDir("pki")) {}
  const std::string& dir() const { return dir_; }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  // ca.pem/ca.key, then NAME.pem/NAME.key for the server (SAN localhost, 127.0.0.1) and for clients.
  bool Make(std::string* log) {
    const std::string key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    std::string cmd = absl::StrCat(
        "cd '", dir_, "' && openssl req -x509 ", key, " -keyout ca.key -out ca.pem -days 2 -subj '/CN=Shiori Test CA'",
        " && printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > server.ext",
        " && openssl req ", key, " -keyout server.key -out server.csr -subj '/CN=localhost'",
        " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2",
        " -extfile server.ext");
    for (const char* client : {"registry", "stranger"}) {
      absl::StrAppend(&cmd, " && openssl req ", key, " -keyout ", client, ".key -out ", client, ".csr -subj '/CN=",
                      client, "-system'", " && openssl x509 -req -in ", client,
                      ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -out ", client, ".pem -days 2");
    }
    // A second CA that signed nothing of the server's.
    absl::StrAppend(&cmd, " && openssl req -x509 ", key,
                    " -keyout other-ca.key -out other-ca.pem -days 2 -subj '/CN=Other CA'");
    return Shell(cmd, log) == 0;
  }

 private:
  std::string dir_;
};

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string log;
    ASSERT_TRUE(pki_.Make(&log)) << log;
    auto db = NewDatabase(Seed::kDemo);
    ASSERT_TRUE(db.ok()) << db.status();
    database_ = *db;
  }

  // A client of `server` with the TLS files given (paths in the PKI folder, "" for none).
  Client ClientWith(const TestServer& server, const std::string& ca, const std::string& cert = "",
                    const std::string& key = "") {
    ClientOptions o;
    o.server_address = server.address();
    if (!ca.empty()) o.tls_ca_file = pki_.path(ca);
    if (!cert.empty()) o.tls_cert_file = pki_.path(cert);
    if (!key.empty()) o.tls_key_file = pki_.path(key);
    o.deadline = absl::Seconds(20);
    o.retry.max_attempts = 1;
    auto c = Client::Connect(o);
    EXPECT_TRUE(c.ok()) << c.status();
    return *c;
  }

  TestPki pki_;
  std::string database_;
};

TEST_F(TlsTest, ServerTlsWithTheTestCa) {
  auto server = TestServer::Start({.database = database_,
                                   .extra_args = {"--tls-cert", pki_.path("server.pem"), "--tls-key",
                                                  pki_.path("server.key")}});
  ASSERT_TRUE(server.ok()) << server.status();
  Client good = ClientWith(**server, "ca.pem");
  EXPECT_TRUE(good.ListLibraries().ok());
  v1::LoginRequest login;
  login.set_patron_number("0000001");
  login.set_password("shiori01");
  EXPECT_TRUE(good.Login(login).ok());  // a session over TLS

  Client wrong_ca = ClientWith(**server, "other-ca.pem");
  EXPECT_EQ(wrong_ca.ListLibraries().status().code(), absl::StatusCode::kUnavailable);
  Client plaintext = ClientWith(**server, "");
  EXPECT_EQ(plaintext.ListLibraries().status().code(), absl::StatusCode::kUnavailable);

  // The admin tool's clock commands reach a TLS server too (L3).
  std::string out;
  EXPECT_EQ(Shell(absl::StrCat("echo admin001 | ", AdminBinary(), " clock show --server ", (*server)->address(),
                               " --tls-ca ", pki_.path("ca.pem"), " --staff a0001 --password-stdin"),
                  &out),
            0)
      << out;
  EXPECT_THAT(out, ::testing::HasSubstr("now "));
}

// P10: with --tls-client-ca a client certificate of that CA is verified when given: a registered common name is
// a service account with its scopes, an unregistered one just an anonymous caller. A client without one (a
// patron's) is served as on any TLS port.
TEST_F(TlsTest, MutualTlsServiceAccountByCertificate) {
  std::string out;
  ASSERT_TRUE(RunAdmin(database_, {"service-account", "add", "registry", "--scopes", "patrons.read", "--cert-cn",
                                   "registry-system", "--no-key"},
                       &out)
                  .ok())
      << out;
  EXPECT_EQ(out.find("api key"), std::string::npos);
  auto server = TestServer::Start(
      {.database = database_,
       .extra_args = {"--tls-cert", pki_.path("server.pem"), "--tls-key", pki_.path("server.key"), "--tls-client-ca",
                      pki_.path("ca.pem")}});
  ASSERT_TRUE(server.ok()) << server.status();

  Client registry = ClientWith(**server, "ca.pem", "registry.pem", "registry.key");
  v1::GetPatronRequest get;
  get.set_name("patrons/0000001");
  auto patron = registry.GetPatron(get);
  ASSERT_TRUE(patron.ok()) << patron.status();
  EXPECT_EQ(patron->patron_number(), "0000001");
  v1::SetPatronCategoryRequest move;
  move.set_name("patrons/0000001");
  move.set_category(v1::WIDE_AREA);
  EXPECT_EQ(ErrorReason(registry.SetPatronCategory(move).status()), "SCOPE_MISSING");

  Client stranger = ClientWith(**server, "ca.pem", "stranger.pem", "stranger.key");
  EXPECT_TRUE(stranger.ListLibraries().ok());
  EXPECT_EQ(ErrorReason(stranger.GetPatron(get).status()), "LOGIN_REQUIRED");

  Client no_certificate = ClientWith(**server, "ca.pem");
  EXPECT_TRUE(no_certificate.ListLibraries().ok());
  EXPECT_EQ(ErrorReason(no_certificate.GetPatron(get).status()), "LOGIN_REQUIRED");
  EXPECT_TRUE(no_certificate.Login([] {
                v1::LoginRequest login;
                login.set_patron_number("0000001");
                login.set_password("shiori01");
                return login;
              }()).ok());
}

// Without TLS the server refuses a non-loopback address (before opening anything) unless --insecure-listen.
TEST_F(TlsTest, PlaintextOnlyOnLoopback) {
  std::string out;
  const std::string server = ServerBinary();
  const std::string mysql = TestMariaDb::Get().UrlFor(database_);
  EXPECT_NE(Shell(absl::StrCat("'", server, "' --listen 0.0.0.0:0 --mysql '", mysql, "'"), &out), 0);
  EXPECT_NE(out.find("refusing plaintext"), std::string::npos) << out;
  // A loopback address needs nothing more.
  auto local = TestServer::Start({.database = database_});
  ASSERT_TRUE(local.ok()) << local.status();
  EXPECT_TRUE((*local)->NewClient().ListLibraries().ok());
}

}  // namespace
}  // namespace shiori::testing
