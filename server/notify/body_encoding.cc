// See body_encoding.h.
#include "server/notify/body_encoding.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "server/common/utf8_chars.h"

namespace shiori::notify {
namespace {

// The quoted-printable form of one character (1–4 bytes) of a line; `at_line_end` marks the last character.
std::string QpChar(absl::string_view bytes, bool at_line_start, bool at_line_end) {
  std::string out;
  for (unsigned char c : bytes) {
    const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end);
    if (literal) {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppendFormat(&out, "=%02X", c);
    }
  }
  // Some mail stores rewrite a line starting "From " to ">From "; hide it from them.
  if (at_line_start && bytes == "F") out = "=46";
  return out;
}

void AppendQpLine(absl::string_view line, std::string* out) {
  const bool from_line = absl::StartsWith(line, "From ");
  size_t column = 0;
  for (size_t pos = 0; pos < line.size();) {
    size_t n = Utf8CharLength(line, pos);
    if (n == 0) n = 1;
    const bool last = pos + n == line.size();
    const std::string piece = QpChar(line.substr(pos, n), from_line && pos == 0, last);
    // A soft break costs one '=' at the end of the line; the last piece of a line needs no room for it.
    const size_t limit = last ? kMaxBodyLine : kMaxBodyLine - 1;
    if (column + piece.size() > limit) {
      out->append("=\r\n");
      column = 0;
    }
    out->append(piece);
    column += piece.size();
    pos += n;
  }
  out->append("\r\n");
}

}  // namespace

std::string ToCrlf(absl::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32 + 2);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out.append("\r\n");
    } else if (c == '\n') {
      out.append("\r\n");
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && !absl::EndsWith(out, "\r\n")) out.append("\r\n");
  return out;
}

std::string Base64Body(absl::string_view canonical) {
  const std::string encoded = absl::Base64Escape(canonical);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / kMaxBodyLine * 2 + 2);
  for (size_t pos = 0; pos < encoded.size(); pos += kMaxBodyLine) {
    out.append(encoded, pos, kMaxBodyLine);
    out.append("\r\n");
  }
  return out;
}

std::string QuotedPrintableBody(absl::string_view canonical) {
  std::string out;
  absl::string_view text = canonical;
  if (absl::EndsWith(text, "\r\n")) text.remove_suffix(2);
  if (canonical.empty()) return out;
  for (absl::string_view line : absl::StrSplit(text, "\r\n")) AppendQpLine(line, &out);
  return out;
}

}  // namespace shiori::notify
