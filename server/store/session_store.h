// Login sessions in MariaDB: only the hash of a bearer token is stored (P9).
#ifndef SHIORI_SERVER_STORE_SESSION_STORE_H_
#define SHIORI_SERVER_STORE_SESSION_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace shiori::store {

enum SubjectKind { kPatronSubject = 1, kStaffSubject = 2 };

struct SessionRow {
  std::string token_hash;
  int subject_kind = kPatronSubject;
  int64_t subject_id = 0;
  int channel = 0;  // shiori.v1.Channel
  absl::Time created_at;
  absl::Time last_seen_at;
  bool ended = false;
};

absl::Status InsertSession(Tx& tx, const SessionRow& session);
// A session with whom it belongs to, read in one statement: the check at the start of every call (the
// session's created_at is not read).
struct SessionCaller {
  SessionRow session;
  bool subject_exists = false;  // the patron or staff row is still there
  // A patron's session:
  std::string patron_number;
  int category = 0;  // shiori.v1.PatronCategory
  // A staff session:
  std::string staff_login;
  bool is_admin = false;
  std::vector<std::string> libraries;
};
absl::StatusOr<std::optional<SessionCaller>> FindSessionCaller(Tx& tx, const std::string& token_hash);
absl::Status TouchSession(Tx& tx, const std::string& token_hash, absl::Time now);
absl::Status EndSession(Tx& tx, const std::string& token_hash, absl::Time now);
// Ends every open session of a subject except `keep_hash` (a password change, P9).
absl::Status EndOtherSessions(Tx& tx, int subject_kind, int64_t subject_id, const std::string& keep_hash,
                              absl::Time now);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_SESSION_STORE_H_
