// Test support for the mail tests: a real SMTP server on loopback (Debian's aiosmtpd, Maildir handler, or
// server/notify/testdata/reject_smtp.py for refusals) that can be stopped and started again on the same port,
// and readers for what it stored. Waits are generous and poll for a condition, never for a time.
#ifndef SHIORI_TESTS_MAIL_LOOPBACK_SMTP_H_
#define SHIORI_TESTS_MAIL_LOOPBACK_SMTP_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "server/common/child_process.h"
#include "tests/support/test_env.h"


namespace shiori::testing {

inline constexpr char kSystemPython[] = "/usr/bin/python3";

inline std::string ReadFileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Polls `done` every 100 ms until it is true or `limit` passes (a bound for a stuck test, not a timing).
inline bool WaitUntil(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(300)) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

inline int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  close(fd);
  return ntohs(addr.sin_port);
}

inline bool GreetsAsSmtp(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  timeval wait{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    char buffer[512];
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    ok = n >= 3 && std::string(buffer, 3) == "220";
    if (ok) (void)!write(fd, "QUIT\r\n", 6);
  }
  close(fd);
  return ok;
}

// One received mail file: its raw text and a few headers (aiosmtpd adds X-RcptTo).
struct ReceivedMail {
  std::string path;
  std::string text;
  std::map<std::string, std::string> headers;  // lower-case name → first value (unfolded)
};

class LoopbackSmtp {
 public:
  // rules: reject_smtp.py rules ("550=ADDRESS"); empty uses aiosmtpd's own Mailbox handler.
  explicit LoopbackSmtp(std::vector<std::string> rules = {})
      : rules_(std::move(rules)), folder_(NewTempDir("smtp")), port_(FreeLoopbackPort()) {
    maildir_ = folder_ + "/maildir";
    Start();
  }
  ~LoopbackSmtp() { Stop(); }

  std::string url() const { return absl::StrCat("smtp://127.0.0.1:", port_); }
  int port() const { return port_; }
  const std::string& maildir() const { return maildir_; }

  void Start() {
    std::vector<std::string> args = {kSystemPython, "-m", "aiosmtpd", "-n", "-l", absl::StrCat("127.0.0.1:", port_)};
    if (rules_.empty()) {
      args.insert(args.end(), {"-c", "aiosmtpd.handlers.Mailbox", maildir_});
    } else {
      args.insert(args.end(), {"-c", "reject_smtp.RejectingMailbox", maildir_});
      args.insert(args.end(), rules_.begin(), rules_.end());
    }
    const std::string log = folder_ + "/smtp.log";
    ChildLaunch launch;
    launch.argv = args;
    launch.log_file = log;
    launch.env = {absl::StrCat("PYTHONPATH=", SourceDir(), "/server/notify/testdata")};
    auto started = StartChildProcess(launch);
    ASSERT_TRUE(started.ok()) << "cannot start aiosmtpd: " << started.status();
    pid_ = *started;
    const bool up = WaitUntil(
        [&] {
          int status = 0;
          if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = 0;
            return true;
          }
          return GreetsAsSmtp(port_);
        },
        std::chrono::seconds(120));
    ASSERT_TRUE(up && pid_ > 0) << "aiosmtpd did not start: " << ReadFileText(log);
  }

  // Stops the server and waits until it has exited (its port then refuses connections).
  void Stop() {
    StopChildProcess(pid_, absl::Seconds(30));
    pid_ = 0;
  }

  std::vector<ReceivedMail> Received() const {
    std::vector<ReceivedMail> out;
    std::error_code ec;
    for (const char* sub : {"/new", "/cur"}) {
      for (const auto& entry : std::filesystem::directory_iterator(maildir_ + sub, ec)) {
        ReceivedMail m;
        m.path = entry.path().string();
        m.text = ReadFileText(m.path);
        std::string last;
        for (absl::string_view line : absl::StrSplit(m.text, '\n')) {
          line = absl::StripTrailingAsciiWhitespace(line);
          if (line.empty()) break;
          if (line[0] == ' ' || line[0] == '\t') {
            if (!last.empty()) absl::StrAppend(&m.headers[last], " ", absl::StripAsciiWhitespace(line));
            continue;
          }
          const size_t colon = line.find(':');
          if (colon == absl::string_view::npos) continue;
          last = absl::AsciiStrToLower(line.substr(0, colon));
          if (m.headers.count(last)) {
            last.clear();  // keep the first
            continue;
          }
          m.headers[last] = std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
        }
        out.push_back(std::move(m));
      }
    }
    return out;
  }
  size_t ReceivedCount() const { return Received().size(); }

 private:
  std::vector<std::string> rules_;
  std::string folder_;
  std::string maildir_;
  int port_;
  pid_t pid_ = 0;
};

}  // namespace shiori::testing

#endif  // SHIORI_TESTS_MAIL_LOOPBACK_SMTP_H_
