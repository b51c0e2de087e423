// See barcode.h.
#include "server/policy/barcode.h"

#include <cstdint>
#include <string>
#include <utility>

#include "server/common/error.h"
#include "server/common/utf8_chars.h"

namespace shiori::policy {
namespace {

constexpr uint32_t kIdeographicSpace = 0x3000;
constexpr uint32_t kFullWidthFirst = 0xFF01;  // ！, the full-width form of '!'
constexpr uint32_t kFullWidthLast = 0xFF5E;   // ～, of '~'
constexpr uint32_t kFullWidthOffset = 0xFEE0;

bool IsSurroundingSpace(uint32_t c) { return c == ' ' || c == '\t' || c == kIdeographicSpace; }

absl::Status BarcodeError(std::string message_ja, absl::string_view english, absl::string_view rule) {
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_BARCODE", std::move(message_ja))
      .Rule(rule)
      .Field("barcode", std::string(english))
      .English(std::string(english));
}

}  // namespace

absl::StatusOr<std::string> NormalizeBarcode(absl::string_view typed, absl::string_view rule) {
  std::string out;
  bool space_pending = false;  // a space after a kept character: inside the barcode if another one follows
  bool space_inside = false;
  for (size_t pos = 0; pos < typed.size();) {
    const size_t length = Utf8CharLength(typed, pos);
    if (length == 0) {
      return BarcodeError("バーコードに読み取れない文字が含まれています。", "the barcode is not valid UTF-8", rule);
    }
    uint32_t c = Utf8CodePoint(typed, pos, length);
    pos += length;
    if (IsSurroundingSpace(c)) {
      if (!out.empty()) space_pending = true;
      continue;
    }
    if (c >= kFullWidthFirst && c <= kFullWidthLast) c -= kFullWidthOffset;
    if (c < 0x21 || c > 0x7E) {
      return BarcodeError("バーコードは英字・数字・記号だけで入力してください。",
                          "the barcode may hold only letters, digits and punctuation", rule);
    }
    if (space_pending) space_inside = true;
    out.push_back(static_cast<char>(c));
    if (out.size() > kMaxBarcodeLength) {
      return BarcodeError("バーコードが長すぎます。資料のラベルを確かめてください。", "the barcode is longer than 32 characters",
                          rule);
    }
  }
  if (out.empty()) return BarcodeError("資料のバーコードを読み取ってください。", "scan the copy's barcode", rule);
  if (space_inside) {
    return BarcodeError("バーコードの途中に空白があります。", "the barcode has a space inside it", rule);
  }
  return out;
}

}  // namespace shiori::policy
