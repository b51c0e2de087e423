// See header_field.h.
#include "server/notify/header_field.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "server/common/utf8_chars.h"

namespace shiori::notify {
namespace {

constexpr absl::string_view kWordPrefixB = "=?UTF-8?B?";
constexpr absl::string_view kWordPrefixQ = "=?UTF-8?Q?";
constexpr size_t kWordOverhead = 12;  // "=?UTF-8?B?" + "?="
constexpr size_t kLongestPlainWord = 70;

// Q encoding as allowed in every context, including a display-name phrase (RFC 2047 5(3)).
bool IsQLiteral(unsigned char c) {
  return absl::ascii_isalnum(c) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
}

std::string QEncode(absl::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (IsQLiteral(c)) {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ') {
      out.push_back('_');
    } else {
      absl::StrAppendFormat(&out, "=%02X", c);
    }
  }
  return out;
}

size_t EncodedLength(absl::string_view bytes, WordEncoding encoding) {
  if (encoding == WordEncoding::kBase64) return kWordOverhead + 4 * ((bytes.size() + 2) / 3);
  return kWordOverhead + QEncode(bytes).size();
}

std::string EncodedWord(absl::string_view bytes, WordEncoding encoding) {
  if (encoding == WordEncoding::kBase64) return absl::StrCat(kWordPrefixB, absl::Base64Escape(bytes), "?=");
  return absl::StrCat(kWordPrefixQ, QEncode(bytes), "?=");
}

}  // namespace

HeaderField::HeaderField(absl::string_view name) : out_(absl::StrCat(name, ":")), column_(name.size() + 1) {}

size_t HeaderField::Room() const { return column_ + 1 >= kMaxHeaderLine ? 0 : kMaxHeaderLine - column_ - 1; }

void HeaderField::Fold() {
  out_.append("\r\n");
  column_ = 0;
}

void HeaderField::AddToken(absl::string_view token) {
  // Never fold right after the field name: a first line holding only "Name:" helps nobody.
  if (token.size() > Room() && !empty_) Fold();
  empty_ = false;
  out_.push_back(' ');
  out_.append(token.data(), token.size());
  column_ += 1 + token.size();
}

void HeaderField::AddEncodedText(absl::string_view text, WordEncoding encoding) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t room = std::min(Room(), kMaxEncodedWord);
    // Take as many whole characters as fit the room left on this line.
    size_t end = pos;
    while (end < text.size()) {
      size_t n = Utf8CharLength(text, end);
      if (n == 0) n = 1;  // callers pass valid UTF-8; never loop forever on a stray byte
      if (EncodedLength(text.substr(pos, end + n - pos), encoding) > room) break;
      end += n;
    }
    if (end == pos) {
      Fold();  // not even one character fits after the text already on this line
      continue;
    }
    const std::string word = EncodedWord(text.substr(pos, end - pos), encoding);
    empty_ = false;
    out_.push_back(' ');
    out_.append(word);
    column_ += 1 + word.size();
    pos = end;
  }
}

void HeaderField::AddEncodedPhrase(absl::string_view text, WordEncoding encoding) {
  const size_t length = EncodedLength(text, encoding);
  if (length <= kMaxEncodedWord && length > Room()) Fold();
  AddEncodedText(text, encoding);
}

void HeaderField::AddText(absl::string_view text, WordEncoding encoding) {
  if (!IsPlainHeaderText(text)) {
    AddEncodedText(text, encoding);
    return;
  }
  for (absl::string_view word : absl::StrSplit(text, ' ')) AddToken(word);
}

void HeaderField::AddBracketedUri(absl::string_view uri, absl::string_view suffix) {
  const std::string token = absl::StrCat("<", uri, ">", suffix);
  if (token.size() <= kMaxHeaderLine - 1) {
    AddToken(token);
    return;
  }
  if (!empty_) Fold();
  empty_ = false;
  absl::string_view rest = token;
  while (!rest.empty()) {
    if (Room() == 0) Fold();
    const size_t take = std::min(rest.size(), Room());
    out_.push_back(' ');
    out_.append(rest.data(), take);
    column_ += 1 + take;
    rest.remove_prefix(take);
  }
}

std::string HeaderField::Finish() const { return absl::StrCat(out_, "\r\n"); }

bool IsPlainHeaderText(absl::string_view text) {
  if (text.empty()) return true;
  for (char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  if (absl::StrContains(text, "=?")) return false;
  for (absl::string_view word : absl::StrSplit(text, ' ')) {
    if (word.empty() || word.size() > kLongestPlainWord) return false;  // leading, trailing or double space
  }
  return true;
}

}  // namespace shiori::notify
