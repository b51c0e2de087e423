// See mime_message.h.
#include "server/notify/mime_message.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "server/common/clock.h"
#include "server/common/error.h"
#include "server/notify/body_encoding.h"
#include "server/common/utf8_chars.h"

namespace shiori::notify {
namespace {

// "Message-ID: <" + id + ">" within 78 characters leaves 64 for the id; the hash and '@' take 18.
constexpr size_t kMaxMessageId = 64;
constexpr size_t kHashPart = 18;
constexpr size_t kMaxMessageIdPrefix = 32;

uint64_t Fnv1a64(absl::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

bool IsDotAtomText(absl::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || absl::StrContains(s, "..")) return false;
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && !absl::StrContains("!#$%&'*+-/=?^_`{|}~.", c)) {
      return false;
    }
  }
  return true;
}

bool IsValidMessageId(absl::string_view id) {
  const size_t at = id.find('@');
  return id.size() <= 200 && at != absl::string_view::npos && IsDotAtomText(id.substr(0, at)) &&
         IsDotAtomText(id.substr(at + 1));
}

bool IsUriText(absl::string_view uri) {
  if (uri.empty()) return false;
  for (char c : uri) {
    if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>') return false;
  }
  return true;
}

// Header text (a subject or a display name) must be one line of valid UTF-8 without control characters.
bool IsHeaderText(absl::string_view text) {
  if (!IsValidUtf8(text)) return false;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

// A display name of plain atoms ("Shiori Library") can go as it is; anything else becomes encoded words.
bool IsPlainPhrase(absl::string_view name) {
  if (!IsPlainHeaderText(name)) return false;
  for (absl::string_view word : absl::StrSplit(name, ' ')) {
    for (char c : word) {
      if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && !absl::StrContains("!#$%&'*+-/=?^_`{|}~", c)) {
        return false;
      }
    }
  }
  return true;
}

absl::Status AddAddress(absl::string_view field, const MailAddress& who, bool more_follow, HeaderField* header) {
  if (absl::Status s = CheckMailAddress(field, who.address); !s.ok()) return s;
  if (!IsHeaderText(who.display_name)) {
    return InvalidField(absl::StrCat(field, ".display_name"), "must be one line of UTF-8 text");
  }
  const std::string comma = more_follow ? "," : "";
  if (who.display_name.empty()) {
    header->AddToken(absl::StrCat(who.address, comma));
    return absl::OkStatus();
  }
  if (IsPlainPhrase(who.display_name)) {
    header->AddText(who.display_name, WordEncoding::kBase64);
  } else {
    // B packs 15 Japanese characters into one word, Q only 7; a name is best kept in one word.
    header->AddEncodedPhrase(who.display_name, WordEncoding::kBase64);
  }
  header->AddToken(absl::StrCat("<", who.address, ">", comma));
  return absl::OkStatus();
}

std::string Field(absl::string_view name, absl::string_view token) {
  HeaderField field(name);
  field.AddToken(token);
  return field.Finish();
}

}  // namespace

absl::StatusOr<std::string> MessageIdFor(absl::string_view dedupe_key, absl::string_view domain) {
  if (dedupe_key.empty()) return InvalidField("dedupe_key", "must not be empty");
  if (!IsValidMailAddress(absl::StrCat("x@", domain))) return InvalidField("domain", "must be a host name");
  const size_t budget = kMaxMessageId > kHashPart + domain.size() ? kMaxMessageId - kHashPart - domain.size() : 0;
  std::string prefix;
  for (char c : dedupe_key.substr(0, std::min(budget, kMaxMessageIdPrefix))) {
    const bool keep = absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-';
    if (keep) {
      prefix.push_back(c);
    } else if (!prefix.empty() && prefix.back() != '.') {
      prefix.push_back('.');
    }
  }
  return absl::StrFormat("%s%s%016x@%s", prefix, prefix.empty() || prefix.back() == '.' ? "" : ".",
                         Fnv1a64(dedupe_key), domain);
}

std::string Rfc5322Date(absl::Time t) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const absl::TimeZone zone = TokyoZone();
  const absl::TimeZone::CivilInfo info = zone.At(t);
  const absl::CivilSecond s = info.cs;
  const int offset_minutes = info.offset / 60;
  const int abs_minutes = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  // absl::Weekday counts from Monday, as kDays does.
  const int weekday = static_cast<int>(absl::GetWeekday(absl::CivilDay(s)));
  return absl::StrFormat("%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", kDays[weekday], s.day(),
                         kMonths[s.month() - 1], s.year(), s.hour(), s.minute(), s.second(),
                         offset_minutes < 0 ? '-' : '+', abs_minutes / 60, abs_minutes % 60);
}

absl::StatusOr<std::string> BuildMimeMessage(const MailMessage& message) {
  std::string out;
  out.append(Field("Date", Rfc5322Date(message.date)));

  HeaderField from("From");
  if (absl::Status s = AddAddress("from", message.from, false, &from); !s.ok()) return s;
  out.append(from.Finish());

  if (message.to.empty()) return InvalidField("to", "needs at least one recipient");
  HeaderField to("To");
  for (size_t i = 0; i < message.to.size(); ++i) {
    absl::Status s = AddAddress(absl::StrCat("to[", i, "]"), message.to[i], i + 1 < message.to.size(),
                                &to);
    if (!s.ok()) return s;
  }
  out.append(to.Finish());

  if (!IsHeaderText(message.subject)) return InvalidField("subject", "must be one line of UTF-8 text");
  HeaderField subject("Subject");
  subject.AddText(message.subject, message.word_encoding);
  out.append(subject.Finish());

  std::string id = message.message_id;
  if (id.empty()) {
    if (message.dedupe_key.empty()) return InvalidField("message_id", "give a Message-ID or a dedupe key");
    absl::StatusOr<std::string> derived = MessageIdFor(message.dedupe_key, DomainOf(message.from.address));
    if (!derived.ok()) return derived.status();
    id = *std::move(derived);
  } else if (!IsValidMessageId(id)) {
    return InvalidField("message_id", "must be id@domain in dot-atom characters, without brackets");
  }
  out.append(Field("Message-ID", absl::StrCat("<", id, ">")));

  out.append("MIME-Version: 1.0\r\n");
  out.append("Content-Type: text/plain; charset=UTF-8\r\n");
  out.append(message.body_encoding == BodyEncoding::kBase64 ? "Content-Transfer-Encoding: base64\r\n"
                                                            : "Content-Transfer-Encoding: quoted-printable\r\n");
  // Every Shiori mail is machine-sent: ask responders not to auto-reply (RFC 3834).
  out.append("Auto-Submitted: auto-generated\r\n");

  if (!message.list_unsubscribe.empty()) {
    HeaderField unsubscribe("List-Unsubscribe");
    bool has_https = false;
    for (size_t i = 0; i < message.list_unsubscribe.size(); ++i) {
      const std::string& uri = message.list_unsubscribe[i];
      if (!IsUriText(uri)) {
        return InvalidField(absl::StrCat("list_unsubscribe[", i, "]"), "must be a URI without spaces or brackets");
      }
      has_https = has_https || absl::StartsWithIgnoreCase(uri, "https://");
      unsubscribe.AddBracketedUri(uri, i + 1 < message.list_unsubscribe.size() ? "," : "");
    }
    out.append(unsubscribe.Finish());
    if (message.list_unsubscribe_one_click) {
      if (!has_https) return InvalidField("list_unsubscribe", "one-click unsubscribe needs an https URI");
      out.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
    }
  } else if (message.list_unsubscribe_one_click) {
    return InvalidField("list_unsubscribe", "one-click unsubscribe needs an https URI");
  }

  out.append("\r\n");
  if (!IsValidUtf8(message.body)) return InvalidField("body", "must be valid UTF-8");
  const std::string canonical = ToCrlf(message.body);
  out.append(message.body_encoding == BodyEncoding::kBase64 ? Base64Body(canonical)
                                                            : QuotedPrintableBody(canonical));
  return out;
}

}  // namespace shiori::notify
