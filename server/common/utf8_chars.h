// Walking UTF-8 text one whole character at a time. Mail encoding (RFC 2047 words, quoted-printable lines),
// template escaping and the length limits of text fields (the database counts characters, not bytes) must never
// cut a character in half, so they all step with these.
#ifndef SHIORI_SERVER_COMMON_UTF8_CHARS_H_
#define SHIORI_SERVER_COMMON_UTF8_CHARS_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace shiori {

// The byte length of the well-formed UTF-8 character starting at `pos` (1–4), or 0 when the bytes there are
// not one (a stray continuation byte, a truncated or overlong sequence, a surrogate, > U+10FFFF).
size_t Utf8CharLength(absl::string_view text, size_t pos);

// The code point of the well-formed character of `length` bytes at `pos` (see Utf8CharLength).
uint32_t Utf8CodePoint(absl::string_view text, size_t pos, size_t length);

// True when the whole of `text` is well-formed UTF-8.
bool IsValidUtf8(absl::string_view text);

// The number of characters of `text` (a byte that is not part of a well-formed character counts as one).
size_t CharacterCount(absl::string_view text);

// The longest start of `text` of at most `max_bytes` bytes that ends on a character boundary.
absl::string_view Utf8Prefix(absl::string_view text, size_t max_bytes);

// True when `text` has nothing to read: empty, or only white space (any of Unicode's, the ideographic space
// U+3000 too) and invisible format characters (zero-width space, word joiner, BOM). A required text field that
// is blank is missing.
bool IsBlankText(absl::string_view text);

// The byte length (1 or 2) of the control character at `pos` — C0 but tab and line breaks, DEL, C1 (U+0080–
// U+009F) — or 0. Such characters are not text: they reach mail, screens and other systems meaning nothing, or
// drive a terminal.
size_t ControlCharacterAt(absl::string_view text, size_t pos);

// True when `text` holds a control character (ControlCharacterAt).
bool HasControlCharacter(absl::string_view text);

}  // namespace shiori

#endif  // SHIORI_SERVER_COMMON_UTF8_CHARS_H_
