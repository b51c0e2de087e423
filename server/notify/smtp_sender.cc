// See smtp_sender.h.
#include "server/notify/smtp_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/common/error.h"
#include "server/notify/mail_address.h"

namespace shiori::notify {
namespace {

// What one Send learns while libcurl talks: how much of the message it took, and the server's replies.
struct Conversation {
  absl::string_view message;
  size_t offset = 0;
  bool message_taken = false;  // the read callback reported the end of the message

  std::string reply_text;  // lines of the reply being received
  int last_code = 0;
  std::string last_text;
  // The last refusing (4xx/5xx) reply not followed by a success; a server may refuse EHLO and accept HELO.
  int refusal_code = 0;
  std::string refusal_text;
  bool refused_after_message = false;
};

size_t ReadMessage(char* buffer, size_t size, size_t count, void* user) {
  auto* c = static_cast<Conversation*>(user);
  const size_t n = std::min(size * count, c->message.size() - c->offset);
  std::memcpy(buffer, c->message.data() + c->offset, n);
  c->offset += n;
  if (n == 0) c->message_taken = true;
  return n;
}

// libcurl passes every SMTP reply line to the header callback.
size_t ReadReplyLine(char* data, size_t size, size_t count, void* user) {
  auto* c = static_cast<Conversation*>(user);
  absl::string_view line(data, size * count);
  line = absl::StripTrailingAsciiWhitespace(line);
  int code = 0;
  if (line.size() < 3 || !absl::SimpleAtoi(line.substr(0, 3), &code)) return size * count;
  const bool final_line = line.size() == 3 || line[3] == ' ';
  const absl::string_view text = line.size() > 4 ? line.substr(4) : absl::string_view();
  if (!c->reply_text.empty()) c->reply_text.push_back('\n');
  c->reply_text.append(text.data(), text.size());
  if (!final_line) return size * count;

  c->last_code = code;
  c->last_text = std::move(c->reply_text);
  c->reply_text.clear();
  if (code >= 400) {
    c->refusal_code = code;
    c->refusal_text = c->last_text;
    c->refused_after_message = c->message_taken;
  } else if (code != 221) {  // 221 answers the QUIT libcurl sends after a refusal; it undoes nothing
    c->refusal_code = 0;
    c->refusal_text.clear();
  }
  return size * count;
}

// Replies that mean "this sender is not allowed in", not "this message is refused": a configuration to fix,
// after which the mail can still go.
bool IsAuthenticationReply(int code) { return code == 530 || code == 534 || code == 535 || code == 538; }

bool HasUrlPath(absl::string_view url) {
  const size_t scheme_end = url.find("://");
  const size_t slash = url.find('/', scheme_end + 3);
  return slash != absl::string_view::npos && slash + 1 < url.size();
}

absl::Status InitCurlOnce() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (result != CURLE_OK) {
    return absl::UnavailableError(absl::StrCat("curl_global_init: ", curl_easy_strerror(result)));
  }
  return absl::OkStatus();
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

SmtpResult Fail(SmtpOutcome outcome, std::string detail) {
  SmtpResult r;
  r.outcome = outcome;
  r.detail = std::move(detail);
  return r;
}

}  // namespace

absl::string_view SmtpOutcomeName(SmtpOutcome outcome) {
  switch (outcome) {
    case SmtpOutcome::kDelivered:
      return "DELIVERED";
    case SmtpOutcome::kTemporaryFailure:
      return "TEMPORARY";
    case SmtpOutcome::kPermanentFailure:
      return "PERMANENT";
  }
  return "UNKNOWN";
}

absl::StatusOr<std::unique_ptr<SmtpSender>> SmtpSender::Create(SmtpConfig config) {
  const absl::string_view url = config.url;
  const bool smtp = absl::StartsWithIgnoreCase(url, "smtp://");
  const bool smtps = absl::StartsWithIgnoreCase(url, "smtps://");
  const bool clean = std::none_of(url.begin(), url.end(), [](char c) { return c <= 0x20 || c >= 0x7F; });
  if (!(smtp || smtps) || !clean || url.size() <= (smtp ? 7u : 8u)) {
    return InvalidField("smtp_url", "must be smtp://host:port or smtps://host:port");
  }
  if (!config.ehlo_name.empty()) {
    if (!IsValidMailAddress(absl::StrCat("x@", config.ehlo_name))) {
      return InvalidField("ehlo_name", "must be a host name");
    }
    if (!HasUrlPath(config.url)) {
      if (!absl::EndsWith(config.url, "/")) config.url.push_back('/');
      config.url.append(config.ehlo_name);
    }
  }
  if (absl::Status s = InitCurlOnce(); !s.ok()) return s;
  return std::unique_ptr<SmtpSender>(new SmtpSender(std::move(config)));
}

SmtpResult SmtpSender::Send(const SmtpEnvelope& envelope, absl::string_view message) const {
  if (!IsValidMailAddress(envelope.mail_from)) {
    return Fail(SmtpOutcome::kPermanentFailure, "envelope sender is not a valid mail address");
  }
  if (envelope.recipients.empty()) return Fail(SmtpOutcome::kPermanentFailure, "no recipient");
  std::unique_ptr<curl_slist, SlistDeleter> recipients;
  for (const std::string& to : envelope.recipients) {
    if (!IsValidMailAddress(to)) {
      return Fail(SmtpOutcome::kPermanentFailure, absl::StrCat("recipient is not a valid mail address: ", to));
    }
    const std::string bracketed = absl::StrCat("<", to, ">");
    curl_slist* grown = curl_slist_append(recipients.get(), bracketed.c_str());
    if (grown == nullptr) return Fail(SmtpOutcome::kTemporaryFailure, "out of memory");
    recipients.release();
    recipients.reset(grown);
  }

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Fail(SmtpOutcome::kTemporaryFailure, "curl_easy_init failed");
  CURL* h = curl.get();
  Conversation conversation;
  conversation.message = message;
  char error[CURL_ERROR_SIZE] = {0};
  const std::string mail_from = absl::StrCat("<", envelope.mail_from, ">");
  const bool smtps = absl::StartsWithIgnoreCase(config_.url, "smtps://");
  const bool must_encrypt = config_.require_tls || !config_.username.empty();

  curl_easy_setopt(h, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // several sender threads; no SIGALRM for time-outs
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(absl::ToInt64Milliseconds(config_.connect_timeout)));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(absl::ToInt64Milliseconds(config_.total_timeout)));
  if (!smtps) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(must_encrypt ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (!config_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, config_.ca_file.c_str());
  if (!config_.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadMessage);
  curl_easy_setopt(h, CURLOPT_READDATA, &conversation);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, ReadReplyLine);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &conversation);

  const CURLcode rc = curl_easy_perform(h);
  SmtpResult result;
  if (rc == CURLE_OK) {
    result.outcome = SmtpOutcome::kDelivered;
    result.reply_code = conversation.last_code;
    result.reply_text = conversation.last_text;
    return result;
  }
  result.detail = error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(rc));
  int code = conversation.refusal_code;
  result.reply_text = conversation.refusal_text;
  if (code == 0) {
    long last = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &last);
    if (last >= 400) code = static_cast<int>(last);
  }
  result.reply_code = code;
  const bool refused_for_good = code >= 500 && !IsAuthenticationReply(code) && rc != CURLE_LOGIN_DENIED;
  result.outcome = refused_for_good ? SmtpOutcome::kPermanentFailure : SmtpOutcome::kTemporaryFailure;
  result.possibly_delivered = result.outcome == SmtpOutcome::kTemporaryFailure && conversation.message_taken &&
                              !(conversation.refusal_code != 0 && conversation.refused_after_message);
  return result;
}

}  // namespace shiori::notify
