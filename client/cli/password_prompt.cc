// See password_prompt.h.
#include "password_prompt.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "absl/strings/strip.h"

namespace shiori::cli {

absl::StatusOr<std::string> ReadPasswordLine(std::istream& in) {
  std::string line;
  if (!std::getline(in, line) && line.empty()) {
    return absl::InvalidArgumentError("no password on standard input");
  }
  absl::string_view trimmed = line;
  absl::ConsumeSuffix(&trimmed, "\r");
  return std::string(trimmed);
}

absl::StatusOr<std::string> ReadPassword(bool from_stdin, absl::string_view prompt) {
  if (from_stdin) return ReadPasswordLine(std::cin);
  if (!::isatty(STDIN_FILENO)) {
    return absl::FailedPreconditionError("standard input is not a terminal; use --password-stdin");
  }
  std::cerr << prompt << std::flush;
  termios saved;
  const bool have_tty = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (have_tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  auto password = ReadPasswordLine(std::cin);
  if (have_tty) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  return password;
}

}  // namespace shiori::cli
