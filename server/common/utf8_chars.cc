// See utf8_chars.h.
#include "server/common/utf8_chars.h"

namespace shiori {

size_t Utf8CharLength(absl::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return 1;
  size_t length;
  uint32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
  }
  const uint32_t cp = Utf8CodePoint(text, pos, length);
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return length;
}

uint32_t Utf8CodePoint(absl::string_view text, size_t pos, size_t length) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  static constexpr unsigned char kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  uint32_t cp = byte(0) & kLeadMask[length];
  for (size_t i = 1; i < length; ++i) cp = (cp << 6) | (byte(i) & 0x3F);
  return cp;
}

bool IsValidUtf8(absl::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const size_t n = Utf8CharLength(text, pos);
    if (n == 0) return false;
    pos += n;
  }
  return true;
}

size_t CharacterCount(absl::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) {
    const size_t n = Utf8CharLength(text, pos);
    pos += n == 0 ? 1 : n;
  }
  return count;
}

absl::string_view Utf8Prefix(absl::string_view text, size_t max_bytes) {
  size_t end = 0;
  while (end < text.size()) {
    const size_t n = Utf8CharLength(text, end);
    const size_t step = n == 0 ? 1 : n;
    if (end + step > max_bytes) break;
    end += step;
  }
  return text.substr(0, end);
}

namespace {

// White space, and characters that show nothing: zero-width ones, direction marks and embeddings, fillers.
bool IsInvisible(uint32_t c) {
  if ((c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680) return true;
  if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F)) return true;
  if (c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x180E || c == 0x3164 || c == 0xFFA0) return true;
  return c == 0x3000 || c == 0xFEFF;
}

}  // namespace

bool IsBlankText(absl::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const size_t n = Utf8CharLength(text, pos);
    if (n == 0 || !IsInvisible(Utf8CodePoint(text, pos, n))) return false;
    pos += n;
  }
  return true;
}

size_t ControlCharacterAt(absl::string_view text, size_t pos) {
  const auto u = static_cast<unsigned char>(text[pos]);
  if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0x7f) return 1;
  if (u == 0xC2 && pos + 1 < text.size() && static_cast<unsigned char>(text[pos + 1]) >= 0x80 &&
      static_cast<unsigned char>(text[pos + 1]) <= 0x9F) {
    return 2;
  }
  return 0;
}

bool HasControlCharacter(absl::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (ControlCharacterAt(text, i) > 0) return true;
  }
  return false;
}

}  // namespace shiori
