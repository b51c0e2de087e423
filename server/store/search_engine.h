// The storage engine behind catalogue word search: Mroonga (Groonga's full-text engine for MariaDB/MySQL),
// which finds a word inside Japanese text through a bigram index. It is a server plugin; this makes sure it is
// loaded before the migrations create the record_search table.
#ifndef SHIORI_SERVER_STORE_SEARCH_ENGINE_H_
#define SHIORI_SERVER_STORE_SEARCH_ENGINE_H_

#include "absl/status/status.h"
#include "server/store/database.h"

namespace shiori::store {

// OK when the Mroonga engine is available, installing the plugin (INSTALL SONAME 'ha_mroonga', remembered by
// the server across restarts) when it is present on the server but not loaded. FAILED_PRECONDITION, reason
// SEARCH_ENGINE_MISSING, naming what to install, when neither works.
absl::Status EnsureSearchEngine(Tx& tx);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_SEARCH_ENGINE_H_
