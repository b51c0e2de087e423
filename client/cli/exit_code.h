// The exit status of `shiori`, part of its contract with scripts and tests.
#ifndef SHIORI_CLIENT_CLI_EXIT_CODE_H_
#define SHIORI_CLIENT_CLI_EXIT_CODE_H_

#include "absl/status/status.h"

namespace shiori::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitRefused = 1,      // the server answered with an error (a refusal, bad input, not logged in …)
  kExitUsage = 2,        // bad command line or local set-up (unreadable TLS file, no password given)
  kExitUnreachable = 3,  // the server could not be reached (UNAVAILABLE, or the deadline passed while connecting)
};

// The exit status for the result of a call to the server.
inline ExitCode ExitCodeFor(const absl::Status& status) {
  if (status.ok()) return kExitOk;
  if (status.code() == absl::StatusCode::kUnavailable || status.code() == absl::StatusCode::kDeadlineExceeded) {
    return kExitUnreachable;
  }
  return kExitRefused;
}

}  // namespace shiori::cli

#endif  // SHIORI_CLIENT_CLI_EXIT_CODE_H_
