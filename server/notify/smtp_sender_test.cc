// SmtpSender against a real SMTP server on loopback (Debian's aiosmtpd, started per test on a free port):
// a mail is delivered and found in the server's Maildir; a 550 is PERMANENT, a 451 and a refused connection
// TEMPORARY (rules M1, R10, R15). No test depends on timing beyond a generous wait for the server to start.
#include "server/notify/smtp_sender.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/child_process.h"
#include "server/common/clock.h"
#include "server/notify/mail_template.h"
#include "server/notify/mime_message.h"
#include "server/notify/python_email_test.h"


namespace shiori::notify {
namespace {

using ::testing::HasSubstr;

// A TCP port nobody listens on right now (the kernel's choice for a bound, then closed, socket).
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  close(fd);
  return ntohs(addr.sin_port);
}

// True once something on `port` accepts a connection and, unless `tls_first`, greets like an SMTP server
// ("220 …"; an SMTPS server waits for the TLS handshake instead).
bool Greets(int port, bool tls_first) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  timeval wait{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    if (tls_first) {
      close(fd);
      return true;
    }
    char buffer[512];
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    ok = n >= 3 && std::string(buffer, 3) == "220";
  }
  close(fd);
  return ok;
}

struct ServerOptions {
  std::string handler = "aiosmtpd.handlers.Mailbox";  // aiosmtpd's -c class
  std::vector<std::string> rules;                     // after the Maildir argument (testdata/reject_smtp.py)
  std::vector<std::string> flags;                     // aiosmtpd options, e.g. --tlscert
  bool tls_first = false;                             // SMTPS: no greeting before the TLS handshake
};

// aiosmtpd in a child process, storing what it accepts in a Maildir.
class LoopbackSmtpServer {
 public:
  explicit LoopbackSmtpServer(ServerOptions options = {})
      : folder_(testing::MakeTempFolder("smtp")), port_(FreePort()) {
    mail_dir_ = folder_ + "/maildir";
    std::vector<std::string> args = {testing::kPython, "-m", "aiosmtpd", "-n", "-l",
                                     absl::StrCat("127.0.0.1:", port_)};
    args.insert(args.end(), options.flags.begin(), options.flags.end());
    args.insert(args.end(), {"-c", options.handler, mail_dir_});
    args.insert(args.end(), options.rules.begin(), options.rules.end());
    log_ = folder_ + "/server.log";
    ChildLaunch launch;
    launch.argv = args;
    launch.log_file = log_;
    launch.truncate_log = true;
    launch.env = {absl::StrCat("PYTHONPATH=", testing::TestdataPath(""))};
    auto started = StartChildProcess(launch);
    if (!started.ok()) {
      ADD_FAILURE() << "cannot start aiosmtpd: " << started.status();
      pid_ = -1;
      return;
    }
    pid_ = *started;
    // A generous wait: a busy machine may take many seconds to start Python.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < give_up) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        ADD_FAILURE() << "aiosmtpd exited: " << testing::ReadWholeFile(log_);
        return;
      }
      if (Greets(port_, options.tls_first)) {
        ready_ = true;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "aiosmtpd did not start: " << testing::ReadWholeFile(log_);
  }

  ~LoopbackSmtpServer() {
    StopChildProcess(pid_, absl::Seconds(30));
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }

  bool ready() const { return ready_; }
  std::string url(absl::string_view scheme = "smtp") const { return absl::StrCat(scheme, "://127.0.0.1:", port_); }

  // The files of the messages received so far.
  std::vector<std::string> Received() const {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(mail_dir_ + "/new", ec)) {
      files.push_back(entry.path().string());
    }
    return files;
  }

 private:
  std::string folder_;
  std::string mail_dir_;
  std::string log_;
  int port_;
  pid_t pid_ = -1;
  bool ready_ = false;
};

std::unique_ptr<SmtpSender> SenderFor(const std::string& url, const std::string& ca_file = "") {
  SmtpConfig config;
  config.url = url;
  config.ca_file = ca_file;
  config.ehlo_name = "library.city.example";
  absl::StatusOr<std::unique_ptr<SmtpSender>> sender = SmtpSender::Create(config);
  EXPECT_TRUE(sender.ok()) << sender.status();
  return sender.ok() ? *std::move(sender) : nullptr;
}

std::string HoldReadyMail(const std::string& to, BodyEncoding body_encoding = BodyEncoding::kBase64) {
  absl::StatusOr<MailTemplateSet> templates = MailTemplateSet::Load(absl::StrCat(SHIORI_SOURCE_DIR, "/config/mail"));
  EXPECT_TRUE(templates.ok()) << templates.status();
  MailValues values;
  values.Set("library_name", "しおり市立図書館")
      .Set("title", "ｶﾀｶﾅ①髙の本")
      .Set("pickup_library", "中央図書館")
      .Set("deadline", "2024年5月15日（水）");
  absl::StatusOr<RenderedMail> rendered = templates->Render(kHoldReadyTemplate, values);
  EXPECT_TRUE(rendered.ok()) << rendered.status();
  MailMessage m;
  m.from = {"しおり市立図書館", "noreply@library.city.example"};
  m.to = {{"", to}};
  m.subject = rendered->subject;
  m.body = absl::StrCat(rendered->body, ".\n..\n");  // lines SMTP must dot-stuff
  m.date = absl::FromCivil(absl::CivilSecond(2024, 5, 8, 9, 30, 0), TokyoZone());
  m.dedupe_key = absl::StrCat("ready:42:", to);
  m.body_encoding = body_encoding;
  absl::StatusOr<std::string> text = BuildMimeMessage(m);
  EXPECT_TRUE(text.ok()) << text.status();
  return text.ok() ? *text : "";
}

SmtpEnvelope EnvelopeTo(const std::string& to) { return {"noreply@library.city.example", {to}}; }

TEST(SmtpSenderTest, DeliversAMailTheServerStores) {  // R10, M1
  LoopbackSmtpServer server;
  ASSERT_TRUE(server.ready());
  std::unique_ptr<SmtpSender> sender = SenderFor(server.url());
  ASSERT_NE(sender, nullptr);
  const SmtpResult result =
      sender->Send(EnvelopeTo("hanako@example.jp"), HoldReadyMail("hanako@example.jp", BodyEncoding::kQuotedPrintable));
  ASSERT_TRUE(result.delivered()) << result.detail << " " << result.reply_code << " " << result.reply_text;
  EXPECT_EQ(result.reply_code, 250);
  EXPECT_FALSE(result.possibly_delivered);

  const std::vector<std::string> files = server.Received();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_THAT(testing::ReadWholeFile(files[0]), HasSubstr("X-RcptTo: hanako@example.jp"));
  const nlohmann::json parsed = testing::ParseMailFile(files[0]);
  EXPECT_EQ(parsed["subject"], "【しおり市立図書館】予約資料のご用意ができました");
  EXPECT_EQ(parsed["to"][0]["addr"], "hanako@example.jp");
  EXPECT_EQ(parsed["from"][0]["name"], "しおり市立図書館");
  const std::string body = parsed["body"];
  EXPECT_THAT(body, HasSubstr("資料名　：ｶﾀｶﾅ①髙の本\n"));
  EXPECT_THAT(body, HasSubstr("取置期限：2024年5月15日（水）\n"));
  EXPECT_THAT(body, ::testing::EndsWith("\n.\n..\n"));
}

TEST(SmtpSenderTest, OneSenderServesSeveralThreads) {  // M1: documented thread-safety
  LoopbackSmtpServer server;
  ASSERT_TRUE(server.ready());
  std::unique_ptr<SmtpSender> sender = SenderFor(server.url());
  ASSERT_NE(sender, nullptr);
  constexpr int kThreads = 3;
  constexpr int kEach = 3;
  std::vector<int> delivered(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string to = absl::StrCat("patron", t, "-", i, "@example.jp");
        if (sender->Send(EnvelopeTo(to), HoldReadyMail(to)).delivered()) ++delivered[t];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(delivered[t], kEach);
  EXPECT_EQ(server.Received().size(), static_cast<size_t>(kThreads * kEach));
}

TEST(SmtpSenderTest, RefusalsAreClassified) {  // R15, M1
  LoopbackSmtpServer server({.handler = "reject_smtp.RejectingMailbox",
                             .rules = {"550=nobody@example.jp", "451=busy@example.jp"}});
  ASSERT_TRUE(server.ready());
  std::unique_ptr<SmtpSender> sender = SenderFor(server.url());
  ASSERT_NE(sender, nullptr);

  struct Row {
    const char* rule;
    std::string to;
    SmtpOutcome outcome;
    int code;
    const char* text;
  };
  const Row rows[] = {
      {"R15", "nobody@example.jp", SmtpOutcome::kPermanentFailure, 550, "User unknown"},
      {"M1", "busy@example.jp", SmtpOutcome::kTemporaryFailure, 451, "try again later"},
      {"R10", "hanako@example.jp", SmtpOutcome::kDelivered, 250, ""},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(absl::StrCat(r.rule, " ", r.to));
    const SmtpResult result = sender->Send(EnvelopeTo(r.to), HoldReadyMail(r.to));
    EXPECT_EQ(SmtpOutcomeName(result.outcome), SmtpOutcomeName(r.outcome)) << result.detail;
    EXPECT_EQ(result.reply_code, r.code);
    EXPECT_THAT(result.reply_text, HasSubstr(r.text));
    EXPECT_FALSE(result.possibly_delivered);
  }
  // Only the accepted recipient's mail is stored.
  ASSERT_EQ(server.Received().size(), 1u);
  EXPECT_EQ(testing::ParseMailFile(server.Received()[0])["to"][0]["addr"], "hanako@example.jp");
}

// A self-signed certificate for 127.0.0.1 in `folder` (cert.pem, key.pem), made with the openssl tool.
bool MakeCertificate(const std::string& folder) {
  const std::string command = absl::StrCat(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1",
      " -keyout '", folder, "/key.pem' -out '", folder, "/cert.pem' >/dev/null 2>&1");
  return std::system(command.c_str()) == 0;
}

TEST(SmtpSenderTest, UsesStartTlsWhenOfferedAndChecksTheCertificate) {  // M1
  const std::string certs = testing::MakeTempFolder("certs");
  ASSERT_TRUE(MakeCertificate(certs));
  // aiosmtpd refuses MAIL before STARTTLS when given a certificate, so a delivery proves TLS was used.
  LoopbackSmtpServer server(
      {.flags = {"--tlscert", certs + "/cert.pem", "--tlskey", certs + "/key.pem"}});
  ASSERT_TRUE(server.ready());

  std::unique_ptr<SmtpSender> trusting = SenderFor(server.url(), certs + "/cert.pem");
  ASSERT_NE(trusting, nullptr);
  const SmtpResult delivered = trusting->Send(EnvelopeTo("hanako@example.jp"), HoldReadyMail("hanako@example.jp"));
  EXPECT_TRUE(delivered.delivered()) << delivered.detail << " " << delivered.reply_code;

  // Without the CA the certificate does not verify: a configuration problem, so TEMPORARY, never PERMANENT.
  std::unique_ptr<SmtpSender> doubting = SenderFor(server.url());
  ASSERT_NE(doubting, nullptr);
  const SmtpResult refused = doubting->Send(EnvelopeTo("hanako@example.jp"), HoldReadyMail("hanako@example.jp"));
  EXPECT_EQ(refused.outcome, SmtpOutcome::kTemporaryFailure) << refused.detail;
  EXPECT_EQ(server.Received().size(), 1u);
}

TEST(SmtpSenderTest, NeverSendsInClearWhenTlsIsRequired) {  // M1
  LoopbackSmtpServer server;  // offers no STARTTLS
  ASSERT_TRUE(server.ready());
  struct Row {
    const char* name;
    bool require_tls;
    const char* username;
  };
  const Row rows[] = {{"require_tls", true, ""}, {"credentials imply TLS", false, "library"}};
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    SmtpConfig config;
    config.url = server.url();
    config.require_tls = r.require_tls;
    config.username = r.username;
    config.password = "secret";
    absl::StatusOr<std::unique_ptr<SmtpSender>> sender = SmtpSender::Create(config);
    ASSERT_TRUE(sender.ok()) << sender.status();
    const SmtpResult result = (*sender)->Send(EnvelopeTo("hanako@example.jp"), HoldReadyMail("hanako@example.jp"));
    EXPECT_EQ(result.outcome, SmtpOutcome::kTemporaryFailure) << result.detail;
  }
  EXPECT_TRUE(server.Received().empty());
}

TEST(SmtpSenderTest, SendsOverSmtps) {  // M1
  const std::string certs = testing::MakeTempFolder("certs");
  ASSERT_TRUE(MakeCertificate(certs));
  LoopbackSmtpServer server(
      {.flags = {"--smtpscert", certs + "/cert.pem", "--smtpskey", certs + "/key.pem"}, .tls_first = true});
  ASSERT_TRUE(server.ready());
  std::unique_ptr<SmtpSender> sender = SenderFor(server.url("smtps"), certs + "/cert.pem");
  ASSERT_NE(sender, nullptr);
  const SmtpResult result = sender->Send(EnvelopeTo("hanako@example.jp"), HoldReadyMail("hanako@example.jp"));
  EXPECT_TRUE(result.delivered()) << result.detail << " " << result.reply_code;
  EXPECT_EQ(server.Received().size(), 1u);
}

TEST(SmtpSenderTest, ConnectionRefusedIsTemporary) {  // M1: a server that is down delays mail
  std::unique_ptr<SmtpSender> sender = SenderFor(absl::StrCat("smtp://127.0.0.1:", FreePort()));
  ASSERT_NE(sender, nullptr);
  const SmtpResult result = sender->Send(EnvelopeTo("hanako@example.jp"), HoldReadyMail("hanako@example.jp"));
  EXPECT_EQ(result.outcome, SmtpOutcome::kTemporaryFailure);
  EXPECT_EQ(result.reply_code, 0);
  EXPECT_FALSE(result.detail.empty());
  EXPECT_FALSE(result.possibly_delivered);
}

TEST(SmtpSenderTest, BadEnvelopeIsPermanentWithoutConnecting) {  // M1
  // The port is closed: had the sender tried to connect, the result would be TEMPORARY.
  std::unique_ptr<SmtpSender> sender = SenderFor(absl::StrCat("smtp://127.0.0.1:", FreePort()));
  ASSERT_NE(sender, nullptr);
  const SmtpEnvelope bad[] = {
      {"noreply@library.city.example", {"a@example.jp>\r\nRCPT TO:<b@example.jp"}},
      {"noreply@library.city.example", {}},
      {"noreply", {"a@example.jp"}},
  };
  for (const SmtpEnvelope& e : bad) {
    EXPECT_EQ(sender->Send(e, "Subject: x\r\n\r\nx\r\n").outcome, SmtpOutcome::kPermanentFailure);
  }
}

TEST(SmtpSenderTest, CreateChecksTheUrl) {  // M1
  struct Row {
    const char* url;
    const char* ehlo;
    bool ok;
  };
  const Row rows[] = {
      {"smtp://mail.example:25", "", true},
      {"smtps://mail.example:465", "", true},
      {"SMTP://mail.example", "library.city.example", true},
      {"http://mail.example", "", false},
      {"smtp://", "", false},
      {"smtp://mail.example:25\r\n", "", false},
      {"smtp://mail.example:25", "bad name", false},
  };
  for (const Row& r : rows) {
    SmtpConfig config;
    config.url = r.url;
    config.ehlo_name = r.ehlo;
    EXPECT_EQ(SmtpSender::Create(config).ok(), r.ok) << r.url;
  }
  SmtpConfig config;
  config.url = "smtp://mail.example:25";
  config.ehlo_name = "library.city.example";
  absl::StatusOr<std::unique_ptr<SmtpSender>> sender = SmtpSender::Create(config);
  ASSERT_TRUE(sender.ok());
  EXPECT_EQ((*sender)->config().url, "smtp://mail.example:25/library.city.example");
}

}  // namespace
}  // namespace shiori::notify
