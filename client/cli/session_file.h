// The login session kept between runs of `shiori`: the bearer token and the server it belongs to, in
// $XDG_CONFIG_HOME/shiori/session (or ~/.config/shiori/session), readable by the owner only (mode 0600).
// The token is sent only to the server it came from.
#ifndef SHIORI_CLIENT_CLI_SESSION_FILE_H_
#define SHIORI_CLIENT_CLI_SESSION_FILE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace shiori::cli {

struct StoredSession {
  std::string server;   // the --server address the token was issued by
  std::string token;
  std::string account;  // who is logged in, for display: "patron:0000001" (staff sessions: "staff:s0001")
  std::string display_name;
};

class SessionFile {
 public:
  // $XDG_CONFIG_HOME/shiori/session when XDG_CONFIG_HOME is set and absolute, else $HOME/.config/shiori/session.
  static std::string DefaultPath();

  explicit SessionFile(std::string path) : path_(std::move(path)) {}
  const std::string& path() const { return path_; }

  // nullopt when there is no session file; an error when it cannot be read.
  absl::StatusOr<std::optional<StoredSession>> Load() const;
  // Replaces the file atomically, creating the folder (0700) and the file (0600).
  absl::Status Save(const StoredSession& session) const;
  // No error when there is nothing to remove.
  absl::Status Remove() const;

 private:
  std::string path_;
};

}  // namespace shiori::cli

#endif  // SHIORI_CLIENT_CLI_SESSION_FILE_H_
