// A copy's barcode as a desk sends it (B4, R9): read by a scanner, or typed by hand when the label will not
// scan. Typed on a Japanese keyboard it may come in full-width forms (１２３４, ＡＢ) or with a space before or
// after it; those mean the same barcode and are normalised, like the patron number (P3). Pure.
#ifndef SHIORI_SERVER_POLICY_BARCODE_H_
#define SHIORI_SERVER_POLICY_BARCODE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shiori::policy {

// The longest barcode a copy may have (the column's width).
inline constexpr size_t kMaxBarcodeLength = 32;

// The barcode `typed` means: surrounding spaces (ASCII, tab, U+3000) removed, full-width ASCII forms
// (U+FF01–U+FF5E) made half-width. What is left must be 1–32 visible ASCII characters (letters, digits,
// punctuation; no space inside). Otherwise INVALID_ARGUMENT (INVALID_BARCODE) naming the field `barcode` and
// the rule `rule` of the call (B4 for a checkout, R9 for a scan at the desk, R5 for a new issue's copy).
absl::StatusOr<std::string> NormalizeBarcode(absl::string_view typed, absl::string_view rule);

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_BARCODE_H_
