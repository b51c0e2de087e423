// libsodium must be initialised once per process before its random generator or hash functions are used.
// Every function of server/auth calls EnsureSodium() first, so callers never have to. Thread-safe.
#ifndef SHIORI_SERVER_AUTH_SODIUM_INIT_H_
#define SHIORI_SERVER_AUTH_SODIUM_INIT_H_

#include "absl/status/status.h"

namespace shiori::auth {

// OK once sodium_init() has succeeded (the first call does it; later calls only read the result).
// INTERNAL if libsodium could not initialise (no usable random source): nothing secret may be made then.
absl::Status EnsureSodium();

}  // namespace shiori::auth

#endif  // SHIORI_SERVER_AUTH_SODIUM_INIT_H_
