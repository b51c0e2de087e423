// What every command of `shiori` shares: the global options, the output, the stored session and one SDK client
// for the chosen server. Command groups receive a Context and never build clients themselves.
#ifndef SHIORI_CLIENT_CLI_CONTEXT_H_
#define SHIORI_CLIENT_CLI_CONTEXT_H_

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "absl/strings/string_view.h"
#include "output.h"
#include "session_file.h"
#include "shiori/client.h"
#include "shiori/v1/library.pb.h"

namespace shiori::cli {

struct GlobalOptions {
  std::string server = "localhost:50051";  // --server, env SHIORI_SERVER
  std::string tls_ca_file;                 // --tls-ca
  std::string tls_cert_file;               // --tls-cert (mTLS)
  std::string tls_key_file;                // --tls-key (mTLS)
  bool json = false;                       // --json
};

class Context {
 public:
  Context(std::ostream& out, std::ostream& err);

  GlobalOptions& globals() { return globals_; }
  // The output as --json says.
  Output& out();
  const SessionFile& session_file() const { return session_file_; }

  // The stored session when it was issued by --server (a token is never sent to another server).
  std::optional<StoredSession> session();

  // The client for --server, carrying the stored session's token. nullptr after reporting a set-up problem
  // (an unreadable TLS file) through out(); the command then returns kExitUsage.
  Client* client();

  // A password read without echo (password_prompt.h). When it cannot be read, reports the usage error through
  // out() and returns nullopt; the command then returns kExitUsage.
  std::optional<std::string> Password(bool from_stdin, absl::string_view prompt);

  // "libraries/main" → "本館" (the id itself when the libraries cannot be listed).
  std::string LibraryName(absl::string_view library);
  // A library as the user typed it — "main", "libraries/main" or its name "本館" — as the API wants it.
  std::string ResolveLibrary(absl::string_view typed);

  // The exit status the command reported.
  int exit_code() const { return exit_code_; }
  void set_exit_code(int code) { exit_code_ = code; }

 private:
  const v1::ListLibrariesResponse& Libraries();

  GlobalOptions globals_;
  Output output_;
  SessionFile session_file_;
  std::unique_ptr<Client> client_;
  std::optional<v1::ListLibrariesResponse> libraries_;
  int exit_code_ = kExitOk;
};

}  // namespace shiori::cli

#endif  // SHIORI_CLIENT_CLI_CONTEXT_H_
