// Mail templates (config/mail/*.txt): a first line "Subject: …", an empty line, then the body, with
// {{name}} placeholders. Rendering escapes every value so patron- or catalogue-supplied text cannot add a
// header or break the layout: line breaks, tabs and other control characters become a space, bytes that are
// not UTF-8 become U+FFFD. A list value (SetLines) is the only way to put several lines into a body, and each
// of its lines is escaped alone. Values are inserted once: a value containing "{{x}}" stays literal.
// A template is immutable after loading; rendering is thread-safe.
#ifndef SHIORI_SERVER_NOTIFY_MAIL_TEMPLATE_H_
#define SHIORI_SERVER_NOTIFY_MAIL_TEMPLATE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shiori::notify {

// Template names: the file names in config/mail without ".txt".
inline constexpr absl::string_view kHoldReadyTemplate = "hold_ready";                        // R10
inline constexpr absl::string_view kRegistrationConfirmTemplate = "registration_confirm";    // P4
inline constexpr absl::string_view kEmailConfirmTemplate = "email_confirm";                  // P7
inline constexpr absl::string_view kNewArrivalsTemplate = "new_arrivals";                    // N1, N6

// The values for one rendering.
class MailValues {
 public:
  MailValues& Set(std::string name, std::string text);
  // A body-only value of several lines (the new-arrival list), joined with line breaks.
  MailValues& SetLines(std::string name, std::vector<std::string> lines);

 private:
  friend class MailTemplate;
  struct Value {
    std::vector<std::string> lines;
    bool is_list = false;
  };
  std::map<std::string, Value, std::less<>> values_;
};

struct RenderedMail {
  std::string subject;  // one line
  std::string body;     // LF line ends, as in the template file
};

class MailTemplate {
 public:
  // Parses a template file's text. INVALID_ARGUMENT (reason MAIL_TEMPLATE_INVALID, metadata template) when the
  // first line is not "Subject: …", the second is not empty, or a "{{" has no valid "name}}" after it
  // (names are lower-case letters, digits and '_').
  static absl::StatusOr<MailTemplate> Parse(std::string name, absl::string_view text);

  const std::string& name() const { return name_; }
  // The distinct placeholder names, in order of first appearance (subject first).
  std::vector<std::string> Placeholders() const;

  // INVALID_ARGUMENT, reason MAIL_TEMPLATE_VALUE_MISSING with metadata template and placeholder (the first
  // missing one, also named in the message), or MAIL_TEMPLATE_LIST_IN_SUBJECT for a list in the subject.
  // Values the template does not use are ignored.
  absl::StatusOr<RenderedMail> Render(const MailValues& values) const;

 private:
  struct Piece {
    std::string text;  // literal text, or the placeholder's name
    bool is_placeholder = false;
  };
  MailTemplate() = default;
  absl::StatusOr<std::string> RenderPieces(const std::vector<Piece>& pieces, const MailValues& values,
                                           bool in_subject) const;

  std::string name_;
  std::vector<Piece> subject_;
  std::vector<Piece> body_;
};

// All templates of a folder.
class MailTemplateSet {
 public:
  // Loads every "*.txt" file of `folder`; a template's name is its file name without ".txt".
  // NOT_FOUND when the folder cannot be read; the Parse error of the first bad file.
  static absl::StatusOr<MailTemplateSet> Load(const std::string& folder);

  // nullptr when there is no template of that name.
  const MailTemplate* Find(absl::string_view name) const;
  // NOT_FOUND (reason MAIL_TEMPLATE_NOT_FOUND) for an unknown name, else MailTemplate::Render.
  absl::StatusOr<RenderedMail> Render(absl::string_view name, const MailValues& values) const;
  std::vector<std::string> Names() const;

 private:
  std::map<std::string, MailTemplate, std::less<>> templates_;
};

// `value` made safe for a mail: each run of control characters (C0 including CR, LF and TAB, DEL, C1,
// U+2028, U+2029) becomes one space, invalid UTF-8 becomes U+FFFD, and spaces at both ends are trimmed.
std::string EscapeMailValue(absl::string_view value);

}  // namespace shiori::notify

#endif  // SHIORI_SERVER_NOTIFY_MAIL_TEMPLATE_H_
