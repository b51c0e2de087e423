// Content-Transfer-Encodings for a text/plain UTF-8 body (RFC 2045): base64 in lines of 76, or
// quoted-printable with soft line breaks that never split a UTF-8 character. Both take the body in its
// canonical form, with CRLF line ends (see ToCrlf), and return lines that each end in CRLF.
#ifndef SHIORI_SERVER_NOTIFY_BODY_ENCODING_H_
#define SHIORI_SERVER_NOTIFY_BODY_ENCODING_H_

#include <string>

#include "absl/strings/string_view.h"

namespace shiori::notify {

inline constexpr size_t kMaxBodyLine = 76;

// `text` with every line end (CRLF, lone LF, lone CR) made CRLF, and a final CRLF when the text does not end
// in one (an empty text stays empty).
std::string ToCrlf(absl::string_view text);

// Base64 of `canonical`, 76 characters a line.
std::string Base64Body(absl::string_view canonical);

// Quoted-printable of `canonical` (valid UTF-8 with CRLF line ends): hard line breaks stay CRLF, every output
// line is at most 76 characters, whitespace before a line end and a line starting "From " are encoded.
std::string QuotedPrintableBody(absl::string_view canonical);

}  // namespace shiori::notify

#endif  // SHIORI_SERVER_NOTIFY_BODY_ENCODING_H_
