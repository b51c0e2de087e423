// See mail_composer.h.
#include "server/app/mail_composer.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/error.h"
#include "server/notify/mime_message.h"

namespace shiori::app {
namespace {

absl::Status BadFrom(absl::string_view text) {
  return Error(absl::StatusCode::kInvalidArgument, "MAIL_FROM_INVALID", "差出人アドレスが正しくありません")
      .Rule("M1")
      .Field("mail_from", "want \"Library name <addr@domain>\"")
      .English(absl::StrCat("--mail-from: not \"Library name <addr@domain>\": ", text));
}

absl::Status Unsendable(const store::OutboxRow& row, absl::string_view why) {
  return Error(absl::StatusCode::kInvalidArgument, "OUTBOX_MAIL_UNSENDABLE", "このメールは送信できません")
      .Rule("M1")
      .Meta("dedupe_key", row.dedupe_key)
      .English(std::string(why));
}

// Tokens are ours (random, URL-safe), but a stray character must not break the link.
std::string PercentEncode(absl::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<notify::MailAddress> ParseMailFrom(absl::string_view text) {
  notify::MailAddress out;
  absl::string_view t = absl::StripAsciiWhitespace(text);
  const size_t open = t.rfind('<');
  if (open == absl::string_view::npos) {
    out.address = std::string(t);
  } else {
    if (!absl::EndsWith(t, ">")) return BadFrom(text);
    out.address = std::string(t.substr(open + 1, t.size() - open - 2));
    absl::string_view name = absl::StripAsciiWhitespace(t.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    out.display_name = std::string(name);
  }
  if (!notify::IsValidMailAddress(out.address)) return BadFrom(text);
  // The name is the library's in every mail (【name】 in the subject, the signature): without one they would
  // read 【】 and end unsigned.
  if (out.display_name.empty()) return BadFrom(text);
  if (notify::EscapeMailValue(out.display_name) != out.display_name) return BadFrom(text);
  return out;
}

absl::StatusOr<ComposedMail> ComposeMail(const store::OutboxRow& row, const MailIdentity& identity,
                                         const notify::MailTemplateSet& templates, absl::Time date) {
  if (!notify::IsValidMailAddress(row.recipient)) {
    return Unsendable(row, absl::StrCat("recipient is not a valid address: ", row.recipient));
  }
  notify::MailValues values;
  for (const auto& [k, v] : row.params) values.Set(k, v);
  for (const auto& [k, v] : row.list_params) values.SetLines(k, v);
  if (!row.params.count("library_name")) values.Set("library_name", identity.from.display_name);
  if (!row.params.count("confirm_url")) {
    if (auto token = row.params.find("confirm_token"); token != row.params.end()) {
      if (identity.confirm_base_url.empty()) {
        return Unsendable(row, "confirm_token given but no --confirm-base-url configured");
      }
      const char* sep = absl::StrContains(identity.confirm_base_url, "?") ? "&" : "?";
      values.Set("confirm_url", absl::StrCat(identity.confirm_base_url, sep, "token=", PercentEncode(token->second)));
    }
  }
  auto rendered = templates.Render(row.template_name, values);
  if (!rendered.ok()) return rendered.status();

  notify::MailMessage m;
  m.from = identity.from;
  notify::MailAddress to;
  to.address = row.recipient;
  if (auto name = row.params.find("recipient_name"); name != row.params.end()) {
    to.display_name = notify::EscapeMailValue(name->second);
  }
  m.to.push_back(std::move(to));
  m.subject = rendered->subject;
  m.body = rendered->body;
  m.date = date;
  m.dedupe_key = row.dedupe_key;
  if (auto u = row.params.find("unsubscribe_url"); u != row.params.end() && !u->second.empty()) {
    m.list_unsubscribe.push_back(u->second);
    m.list_unsubscribe_one_click = absl::StartsWith(u->second, "https://");
  }
  auto id = notify::MessageIdFor(row.dedupe_key, notify::DomainOf(identity.from.address));
  if (!id.ok()) return id.status();
  m.message_id = *id;
  auto text = notify::BuildMimeMessage(m);
  if (!text.ok()) return text.status();
  ComposedMail out;
  out.envelope.mail_from = identity.from.address;
  out.envelope.recipients = {row.recipient};
  out.message = std::move(*text);
  out.message_id = *id;
  return out;
}

absl::Duration RetryDelay(int attempts) {
  const int doublings = std::clamp(attempts - 1, 0, 6);  // 2^6 min > 1 h
  return std::min(absl::Minutes(1) * (int64_t{1} << doublings), absl::Hours(1));
}

}  // namespace shiori::app
