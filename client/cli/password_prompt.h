// Reading a password without showing it: from the terminal with echo off, or from standard input
// (--password-stdin) so scripts and tests need no terminal. Shared by `login` and later account commands.
#ifndef SHIORI_CLIENT_CLI_PASSWORD_PROMPT_H_
#define SHIORI_CLIENT_CLI_PASSWORD_PROMPT_H_

#include <istream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shiori::cli {

// The first line of `in`, without its line ending. INVALID_ARGUMENT when `in` is empty.
absl::StatusOr<std::string> ReadPasswordLine(std::istream& in);

// With from_stdin, ReadPasswordLine(std::cin). Otherwise prints `prompt` to stderr and reads a line from the
// terminal on stdin with echo off; FAILED_PRECONDITION when stdin is not a terminal.
absl::StatusOr<std::string> ReadPassword(bool from_stdin, absl::string_view prompt);

}  // namespace shiori::cli

#endif  // SHIORI_CLIENT_CLI_PASSWORD_PROMPT_H_
