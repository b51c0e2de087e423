// See session_file.h. The file is a few `key=value` lines, so a person can read what it holds.
#include "session_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace shiori::cli {
namespace {

absl::Status ErrnoError(absl::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

// mkdir -p with mode 0700 for the folders it creates.
absl::Status MakeFolders(const std::string& dir) {
  if (dir.empty()) return absl::OkStatus();
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0) return absl::OkStatus();
  auto slash = dir.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    absl::Status parent = MakeFolders(dir.substr(0, slash));
    if (!parent.ok()) return parent;
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return ErrnoError("cannot create", dir);
  return absl::OkStatus();
}

bool HasNewline(const std::string& s) { return absl::StrContains(s, '\n') || absl::StrContains(s, '\r'); }

}  // namespace

std::string SessionFile::DefaultPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && xdg[0] == '/') return absl::StrCat(xdg, "/shiori/session");
  const char* home = std::getenv("HOME");
  return absl::StrCat(home != nullptr ? home : ".", "/.config/shiori/session");
}

absl::StatusOr<std::optional<StoredSession>> SessionFile::Load() const {
  struct stat st;
  if (::stat(path_.c_str(), &st) != 0 && errno == ENOENT) return std::optional<StoredSession>();
  std::ifstream in(path_);
  if (!in) return ErrnoError("cannot read", path_);
  StoredSession s;
  std::string line;
  while (std::getline(in, line)) {
    std::pair<std::string, std::string> kv = absl::StrSplit(line, absl::MaxSplits('=', 1));
    if (kv.first == "server") s.server = kv.second;
    if (kv.first == "token") s.token = kv.second;
    if (kv.first == "account") s.account = kv.second;
    if (kv.first == "display_name") s.display_name = kv.second;
  }
  if (s.token.empty()) return std::optional<StoredSession>();
  return std::optional<StoredSession>(std::move(s));
}

absl::Status SessionFile::Save(const StoredSession& session) const {
  if (HasNewline(session.server) || HasNewline(session.token) || HasNewline(session.account) ||
      HasNewline(session.display_name)) {
    return absl::InvalidArgumentError("session values must be single lines");
  }
  auto slash = path_.rfind('/');
  if (slash != std::string::npos) {
    absl::Status dirs = MakeFolders(path_.substr(0, slash));
    if (!dirs.ok()) return dirs;
  }
  const std::string tmp = absl::StrCat(path_, ".tmp");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoError("cannot write", tmp);
  ::fchmod(fd, 0600);  // an old file of another mode is replaced, not reused
  const std::string text = absl::StrCat("server=", session.server, "\ntoken=", session.token,
                                        "\naccount=", session.account, "\ndisplay_name=", session.display_name, "\n");
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = (::close(fd) == 0) && ok;
  if (!ok || ::rename(tmp.c_str(), path_.c_str()) != 0) {
    absl::Status error = ErrnoError("cannot write", path_);
    ::unlink(tmp.c_str());
    return error;
  }
  return absl::OkStatus();
}

absl::Status SessionFile::Remove() const {
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) return ErrnoError("cannot remove", path_);
  return absl::OkStatus();
}

}  // namespace shiori::cli
