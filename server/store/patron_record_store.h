// What the desk changes in patron records (P10) and what patrons change in their own (B6), plus the server's
// patron number counter. Reading a patron is patron_store.h.
#ifndef SHIORI_SERVER_STORE_PATRON_RECORD_STORE_H_
#define SHIORI_SERVER_STORE_PATRON_RECORD_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"
#include "server/store/patron_store.h"

namespace shiori::store {

// The next patron number: one more than the highest number issued or on record, 7 digits with leading zeros.
// Writes the counter row, so two transactions never get the same number.
absl::StatusOr<std::string> IssuePatronNumber(Tx& tx);

// The request_id of the CreatePatron call that made the patron (0023), so a retry finds it.
absl::Status SetPatronCreateRequest(Tx& tx, int64_t patron_id, const std::string& request_id);
absl::StatusOr<std::optional<int64_t>> FindPatronByCreateRequest(Tx& tx, const std::string& request_id);

// Writes category, name, name_kana, address, phone, home_library and blocked of `row` (by id).
absl::Status UpdatePatronRecord(Tx& tx, const PatronRow& row, absl::Time now);
absl::Status SetPatronCategory(Tx& tx, int64_t patron_id, int category, absl::Time now);
// The password goes (NULL): the patron must register again (P4).
absl::Status ClearPatronPassword(Tx& tx, int64_t patron_id, absl::Time now);
// Sessions of a subject not ended, other than `except_hash` (what EndOtherSessions is about to end): the
// channel and last use of each, so that the caller can tell the live ones from those idled out.
struct OpenSession {
  int channel = 0;
  absl::Time last_seen_at;
};
absl::StatusOr<std::vector<OpenSession>> ListOpenSessions(Tx& tx, int subject_kind, int64_t subject_id,
                                                          const std::string& except_hash);

// Patrons whose number equals `number`, or whose name contains `name_part`, or whose 氏名カナ without its
// spaces contains `kana_part` (the caller normalises it as the records are written: katakana, no spaces);
// ordered by number, after `after_number`, at most `limit`. Empty parts match nothing.
absl::StatusOr<std::vector<PatronRow>> SearchPatronRecords(Tx& tx, const std::string& number,
                                                            const std::string& name_part,
                                                            const std::string& kana_part,
                                                            const std::string& after_number, int limit);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_PATRON_RECORD_STORE_H_
