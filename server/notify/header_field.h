// One message header field, folded so every line stays within 78 characters (RFC 5322 2.1.1), with
// RFC 2047 encoded words for text that is not plain ASCII. Encoded words are at most 75 characters and are
// split only between whole UTF-8 characters, so each word decodes on its own (rule M1).
// Used by mime_message.cc; not thread-safe (a value being built).
#ifndef SHIORI_SERVER_NOTIFY_HEADER_FIELD_H_
#define SHIORI_SERVER_NOTIFY_HEADER_FIELD_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace shiori::notify {

// The two encodings of RFC 2047: B (base64) is shorter for Japanese; Q keeps ASCII readable.
enum class WordEncoding { kBase64, kQuotedPrintable };

inline constexpr size_t kMaxHeaderLine = 78;
inline constexpr size_t kMaxEncodedWord = 75;

class HeaderField {
 public:
  explicit HeaderField(absl::string_view name);

  // Appends `token` after a space, or on a new folded line when it would not fit. A token is never broken,
  // so one longer than a line makes a long line (still far below the 998-character limit).
  void AddToken(absl::string_view token);

  // Appends UTF-8 `text` (which must be valid UTF-8) as one or more encoded words, each after a space or a
  // fold. Readers join adjacent encoded words without the whitespace between them.
  void AddEncodedText(absl::string_view text, WordEncoding encoding);

  // Appends a display name as encoded words, in a single word when it fits one (on a new line if need be):
  // some readers (Python's email package among them) wrongly keep the space between encoded words of a phrase.
  void AddEncodedPhrase(absl::string_view text, WordEncoding encoding);

  // Appends an unstructured value: as plain words when it is printable ASCII that folds cleanly at its
  // spaces, else as encoded words.
  void AddText(absl::string_view text, WordEncoding encoding);

  // Appends `<uri>` and then `suffix` (a list's comma), RFC 2369. A URI that does not fit a whole line is
  // broken inside the brackets, where RFC 2369 says whitespace is ignored; keep URIs to 75 characters so no
  // reader has to rely on that.
  void AddBracketedUri(absl::string_view uri, absl::string_view suffix = "");

  // The field with its CRLF.
  std::string Finish() const;

 private:
  void Fold();
  size_t Room() const;  // characters left on the current line after a separating space

  std::string out_;
  size_t column_;
  bool empty_ = true;  // nothing after "Name:" yet
};

// True when `text` can go into a header as it is: printable ASCII words separated by single spaces, none
// starting like an encoded word, each short enough to fold at.
bool IsPlainHeaderText(absl::string_view text);

}  // namespace shiori::notify

#endif  // SHIORI_SERVER_NOTIFY_HEADER_FIELD_H_
