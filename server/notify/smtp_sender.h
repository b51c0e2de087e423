// Sends one finished message (see mime_message.h) to one SMTP server with libcurl, and says what happened in
// the terms the outbox needs (rules M1, R15): delivered, a TEMPORARY failure to retry later, or a PERMANENT
// failure to mark the mail failed, with the server's reply code and text.
//
// Thread-safety: a SmtpSender is immutable after Create and Send is const; several threads may call Send on
// one object at once. Each Send opens its own connection (one message per connection), so nothing is shared
// between calls except libcurl's global state, initialised once in Create.
#ifndef SHIORI_SERVER_NOTIFY_SMTP_SENDER_H_
#define SHIORI_SERVER_NOTIFY_SMTP_SENDER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace shiori::notify {

struct SmtpConfig {
  // "smtp://host:port" (STARTTLS when the server offers it) or "smtps://host:port" (TLS from the start).
  std::string url;
  // The name this side gives in EHLO (libcurl takes it from the URL's path). Empty: this machine's host
  // name, libcurl's default. Ignored when the URL already has a path.
  std::string ehlo_name;
  // Optional SMTP AUTH. With a user name on smtp://, TLS is required (CURLUSESSL_ALL), so the password is
  // never sent in clear to a server that did not offer STARTTLS.
  std::string username;
  std::string password;
  // Refuse to send unless the connection is encrypted (smtp:// with STARTTLS, or smtps://).
  bool require_tls = false;
  // CA bundle to verify the server's certificate; empty uses the system's.
  std::string ca_file;
  absl::Duration connect_timeout = absl::Seconds(30);
  absl::Duration total_timeout = absl::Minutes(2);  // the whole conversation, message included
};

struct SmtpEnvelope {
  std::string mail_from;               // the return path, an addr-spec
  std::vector<std::string> recipients;  // at least one addr-spec
};

enum class SmtpOutcome {
  kDelivered,
  // Try again later: a 4xx reply, a connection refused or lost, a time-out, a TLS or authentication problem
  // (those are the sender's configuration, not the message's fault, so they never fail a mail for good).
  kTemporaryFailure,
  // Do not retry: the server refused the message or a recipient with a 5xx reply (e.g. 550 no such user).
  kPermanentFailure,
};

struct SmtpResult {
  SmtpOutcome outcome = SmtpOutcome::kTemporaryFailure;
  // The server's deciding reply: 250 when delivered, the refusing reply on a failure, 0 when there was none
  // (no connection, time-out before a reply).
  int reply_code = 0;
  std::string reply_text;  // that reply's text without the code (lines joined with "\n")
  std::string detail;      // libcurl's description of what went wrong; empty when delivered
  // A TEMPORARY failure after the whole message had been handed to the server without a reply to it (e.g. a
  // time-out waiting for the final "250"): the server may have accepted the mail, so a retry may deliver it
  // twice. SMTP cannot tell; the outbox decides whether to retry.
  bool possibly_delivered = false;

  bool delivered() const { return outcome == SmtpOutcome::kDelivered; }
};

// "DELIVERED", "TEMPORARY", "PERMANENT".
absl::string_view SmtpOutcomeName(SmtpOutcome outcome);

class SmtpSender {
 public:
  // INVALID_ARGUMENT (field smtp_url) when the URL is not smtp:// or smtps://, or ehlo_name is not a host
  // name; UNAVAILABLE when libcurl cannot be initialised.
  static absl::StatusOr<std::unique_ptr<SmtpSender>> Create(SmtpConfig config);

  // Sends `message` (RFC 5322 text with CRLF line ends) to the envelope's recipients; libcurl does the SMTP
  // dot-stuffing. All recipients must be accepted, or nothing is sent. An envelope address that is not a
  // valid addr-spec gives PERMANENT with reply_code 0 and nothing sent (it would never succeed).
  SmtpResult Send(const SmtpEnvelope& envelope, absl::string_view message) const;

  const SmtpConfig& config() const { return config_; }

 private:
  explicit SmtpSender(SmtpConfig config) : config_(std::move(config)) {}
  SmtpConfig config_;
};

}  // namespace shiori::notify

#endif  // SHIORI_SERVER_NOTIFY_SMTP_SENDER_H_
