// Walking UTF-8 text one whole character at a time. Mail encoding (RFC 2047 words, quoted-printable lines)
// and template escaping must never cut a character in half, so they all step with these.
#ifndef SHIORI_SERVER_NOTIFY_UTF8_CHARS_H_
#define SHIORI_SERVER_NOTIFY_UTF8_CHARS_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace shiori::notify {

// The byte length of the well-formed UTF-8 character starting at `pos` (1–4), or 0 when the bytes there are
// not one (a stray continuation byte, a truncated or overlong sequence, a surrogate, > U+10FFFF).
size_t Utf8CharLength(absl::string_view text, size_t pos);

// The code point of the well-formed character of `length` bytes at `pos` (see Utf8CharLength).
uint32_t Utf8CodePoint(absl::string_view text, size_t pos, size_t length);

// True when the whole of `text` is well-formed UTF-8.
bool IsValidUtf8(absl::string_view text);

}  // namespace shiori::notify

#endif  // SHIORI_SERVER_NOTIFY_UTF8_CHARS_H_
