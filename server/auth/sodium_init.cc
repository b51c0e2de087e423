// See sodium_init.h.
#include "server/auth/sodium_init.h"

#include <sodium.h>

namespace shiori::auth {

absl::Status EnsureSodium() {
  // A function-local static is initialised exactly once, even when threads race here (C++11 and later).
  static const int result = sodium_init();  // 0: initialised now, 1: already initialised, -1: failed
  if (result < 0) return absl::InternalError("libsodium could not be initialised");
  return absl::OkStatus();
}

}  // namespace shiori::auth
