// See mail_template.h.
#include "server/notify/mail_template.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "server/common/error.h"
#include "server/common/utf8_chars.h"

namespace shiori::notify {
namespace {

constexpr absl::string_view kSubjectPrefix = "Subject:";
constexpr absl::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD

absl::Status Invalid(absl::string_view name, absl::string_view why) {
  return Error(absl::StatusCode::kInvalidArgument, "MAIL_TEMPLATE_INVALID",
               absl::StrCat("メールの文面テンプレートに誤りがあります: ", name))
      .Rule("M1")
      .Meta("template", std::string(name))
      .English(absl::StrCat(name, ": ", why));
}

bool IsNameChar(char c) {
  return absl::ascii_islower(static_cast<unsigned char>(c)) || absl::ascii_isdigit(static_cast<unsigned char>(c)) ||
         c == '_';
}

bool IsControl(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

}  // namespace

MailValues& MailValues::Set(std::string name, std::string text) {
  values_[std::move(name)] = Value{{std::move(text)}, false};
  return *this;
}

MailValues& MailValues::SetLines(std::string name, std::vector<std::string> lines) {
  values_[std::move(name)] = Value{std::move(lines), true};
  return *this;
}

std::string EscapeMailValue(absl::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (size_t pos = 0; pos < value.size();) {
    const size_t n = Utf8CharLength(value, pos);
    if (n != 0 && IsControl(Utf8CodePoint(value, pos, n))) {
      pending_space = true;
      pos += n;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    if (n == 0) {
      out.append(kReplacementChar.data(), kReplacementChar.size());
      pos += 1;
    } else {
      out.append(value.data() + pos, n);
      pos += n;
    }
  }
  return std::string(absl::StripAsciiWhitespace(out));
}

absl::StatusOr<MailTemplate> MailTemplate::Parse(std::string name, absl::string_view text) {
  std::string normalised = absl::StrReplaceAll(text, {{"\r\n", "\n"}});
  absl::string_view rest = normalised;
  absl::ConsumePrefix(&rest, "\xEF\xBB\xBF");  // an editor's byte-order mark
  const size_t first_end = rest.find('\n');
  if (first_end == absl::string_view::npos) return Invalid(name, "needs a Subject line, an empty line and a body");
  absl::string_view subject_line = rest.substr(0, first_end);
  if (!absl::ConsumePrefix(&subject_line, kSubjectPrefix)) return Invalid(name, "the first line must be Subject: …");
  rest.remove_prefix(first_end + 1);
  if (!absl::ConsumePrefix(&rest, "\n")) return Invalid(name, "the second line must be empty");
  if (!IsValidUtf8(normalised)) return Invalid(name, "is not UTF-8");

  MailTemplate t;
  t.name_ = std::move(name);
  auto split = [&](absl::string_view source, std::vector<Piece>* pieces) -> absl::Status {
    while (!source.empty()) {
      const size_t open = source.find("{{");
      if (open == absl::string_view::npos) {
        pieces->push_back({std::string(source), false});
        break;
      }
      if (open > 0) pieces->push_back({std::string(source.substr(0, open)), false});
      source.remove_prefix(open + 2);
      const size_t close = source.find("}}");
      if (close == absl::string_view::npos) return Invalid(t.name_, "a {{ is not closed by }}");
      const absl::string_view placeholder = absl::StripAsciiWhitespace(source.substr(0, close));
      if (placeholder.empty() || !std::all_of(placeholder.begin(), placeholder.end(), IsNameChar)) {
        return Invalid(t.name_, absl::StrCat("bad placeholder name {{", source.substr(0, close), "}}"));
      }
      pieces->push_back({std::string(placeholder), true});
      source.remove_prefix(close + 2);
    }
    return absl::OkStatus();
  };
  if (absl::Status s = split(absl::StripAsciiWhitespace(subject_line), &t.subject_); !s.ok()) return s;
  if (absl::Status s = split(rest, &t.body_); !s.ok()) return s;
  return t;
}

std::vector<std::string> MailTemplate::Placeholders() const {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto* pieces : {&subject_, &body_}) {
    for (const Piece& p : *pieces) {
      if (p.is_placeholder && seen.insert(p.text).second) names.push_back(p.text);
    }
  }
  return names;
}

absl::StatusOr<std::string> MailTemplate::RenderPieces(const std::vector<Piece>& pieces, const MailValues& values,
                                                       bool in_subject) const {
  std::string out;
  for (const Piece& p : pieces) {
    if (!p.is_placeholder) {
      out.append(p.text);
      continue;
    }
    auto it = values.values_.find(p.text);
    if (it == values.values_.end()) {
      return Error(absl::StatusCode::kInvalidArgument, "MAIL_TEMPLATE_VALUE_MISSING",
                   absl::StrCat("メールの差し込み項目がありません: ", p.text))
          .Rule("M1")
          .Meta("template", name_)
          .Meta("placeholder", p.text)
          .English(absl::StrCat("template ", name_, " needs a value for {{", p.text, "}}"));
    }
    if (it->second.is_list && in_subject) {
      return Error(absl::StatusCode::kInvalidArgument, "MAIL_TEMPLATE_LIST_IN_SUBJECT",
                   absl::StrCat("件名には一覧を差し込めません: ", p.text))
          .Rule("M1")
          .Meta("template", name_)
          .Meta("placeholder", p.text);
    }
    std::vector<std::string> lines;
    lines.reserve(it->second.lines.size());
    for (const std::string& line : it->second.lines) lines.push_back(EscapeMailValue(line));
    absl::StrAppend(&out, absl::StrJoin(lines, "\n"));
  }
  return out;
}

absl::StatusOr<RenderedMail> MailTemplate::Render(const MailValues& values) const {
  absl::StatusOr<std::string> subject = RenderPieces(subject_, values, true);
  if (!subject.ok()) return subject.status();
  absl::StatusOr<std::string> body = RenderPieces(body_, values, false);
  if (!body.ok()) return body.status();
  return RenderedMail{*std::move(subject), *std::move(body)};
}

absl::StatusOr<MailTemplateSet> MailTemplateSet::Load(const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  if (ec) {
    return Error(absl::StatusCode::kNotFound, "MAIL_TEMPLATE_FOLDER_NOT_FOUND",
                 "メールの文面テンプレートのフォルダがありません")
        .Meta("folder", folder)
        .English(absl::StrCat("cannot read ", folder, ": ", ec.message()));
  }
  MailTemplateSet set;
  for (const fs::directory_entry& entry : it) {
    if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    if (!in.is_open()) return Invalid(entry.path().filename().string(), "cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<MailTemplate> t = MailTemplate::Parse(entry.path().stem().string(), text.str());
    if (!t.ok()) return t.status();
    std::string name = t->name();
    set.templates_.emplace(std::move(name), *std::move(t));
  }
  return set;
}

const MailTemplate* MailTemplateSet::Find(absl::string_view name) const {
  auto it = templates_.find(name);
  return it == templates_.end() ? nullptr : &it->second;
}

absl::StatusOr<RenderedMail> MailTemplateSet::Render(absl::string_view name, const MailValues& values) const {
  const MailTemplate* t = Find(name);
  if (t == nullptr) {
    return Error(absl::StatusCode::kNotFound, "MAIL_TEMPLATE_NOT_FOUND",
                 absl::StrCat("メールの文面テンプレートがありません: ", name))
        .Meta("template", std::string(name));
  }
  return t->Render(values);
}

std::vector<std::string> MailTemplateSet::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, t] : templates_) names.push_back(name);
  return names;
}

}  // namespace shiori::notify
