// See context.h.
#include "context.h"
#include "password_prompt.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace shiori::cli {

Context::Context(std::ostream& out, std::ostream& err)
    : output_(false, out, err), session_file_(SessionFile::DefaultPath()) {}

Output& Context::out() {
  output_.set_json(globals_.json);
  return output_;
}

std::optional<StoredSession> Context::session() {
  auto stored = session_file_.Load();
  if (!stored.ok()) {
    out().Note(absl::StrCat("警告: セッションを読めません (cannot read the session): ", stored.status().message()));
    return std::nullopt;
  }
  if (!stored->has_value() || (*stored)->server != globals_.server) return std::nullopt;
  return **stored;
}

Client* Context::client() {
  if (client_) return client_.get();
  ClientOptions options;
  options.server_address = globals_.server;
  options.tls_ca_file = globals_.tls_ca_file;
  options.tls_cert_file = globals_.tls_cert_file;
  options.tls_key_file = globals_.tls_key_file;
  auto client = Client::Connect(options);
  if (!client.ok()) {
    out().Usage(absl::StrCat("接続の設定に誤りがあります: ", client.status().message()),
                std::string(client.status().message()));
    return nullptr;
  }
  client_ = std::make_unique<Client>(*std::move(client));
  if (auto s = session(); s.has_value()) client_->set_session_token(s->token);
  return client_.get();
}

const v1::ListLibrariesResponse& Context::Libraries() {
  if (!libraries_.has_value()) {
    Client* c = client();
    auto listed = c != nullptr ? c->ListLibraries() : absl::StatusOr<v1::ListLibrariesResponse>();
    libraries_ = listed.ok() ? *std::move(listed) : v1::ListLibrariesResponse();
  }
  return *libraries_;
}

std::string Context::LibraryName(absl::string_view library) {
  for (const auto& l : Libraries().libraries()) {
    if (l.name() == library || l.library_id() == library) return l.display_name();
  }
  auto slash = library.rfind('/');
  return std::string(slash == absl::string_view::npos ? library : library.substr(slash + 1));
}

std::string Context::ResolveLibrary(absl::string_view typed) {
  typed = absl::StripAsciiWhitespace(typed);
  // Plain ids are passed as typed: only a name needs the list of libraries.
  bool ascii = true;
  for (char c : typed) ascii = ascii && absl::ascii_isascii(static_cast<unsigned char>(c));
  if (ascii) return std::string(typed);
  for (const auto& l : Libraries().libraries()) {
    if (l.display_name() == typed || l.display_name_en() == typed) return l.name();
  }
  return std::string(typed);  // the server says what is wrong with it
}

std::optional<std::string> Context::Password(bool from_stdin, absl::string_view prompt) {
  auto password = ReadPassword(from_stdin, prompt);
  if (password.ok()) return *password;
  out().Usage("パスワードを読めません。端末から入力するか --password-stdin を使ってください",
              std::string(password.status().message()));
  return std::nullopt;
}

}  // namespace shiori::cli
