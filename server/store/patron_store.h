// Patrons and staff accounts in MariaDB.
#ifndef SHIORI_SERVER_STORE_PATRON_STORE_H_
#define SHIORI_SERVER_STORE_PATRON_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace shiori::store {

struct PatronRow {
  int64_t id = 0;
  std::string patron_number;
  int category = 0;  // shiori.v1.PatronCategory
  std::string name;
  std::string name_kana;
  std::string address;
  std::string phone;
  std::string home_library;
  std::optional<std::string> password_hash;
  int active_reservations = 0;
  bool blocked = false;
  bool reading_history = false;
};

struct StaffRow {
  int64_t id = 0;
  std::string staff_id;
  std::string name;
  std::optional<std::string> password_hash;
  bool is_admin = false;
  std::vector<std::string> libraries;
};

// lock: SELECT … FOR UPDATE (inside a transaction). The patron row is the first lock of every use case that
// changes a patron's reservations or loans (here, ReadPatronCategory or ReadBorrower), so locks are always
// taken in the order patron → title → copy.
absl::StatusOr<std::optional<PatronRow>> FindPatronByNumber(Tx& tx, const std::string& number, bool lock = false);
// A checkout's first read: the patron with this number (locked when lock) and the loan already made with
// the request id, if any (a retry), in one statement. Either may be absent without the other.
struct BorrowerRead {
  std::optional<PatronRow> patron;
  std::optional<int64_t> request_match;
};
absl::StatusOr<BorrowerRead> ReadBorrower(Tx& tx, const std::string& number, const std::string& request_id,
                                          bool lock);
// A check-in's first lock: the patron who has the copy with this barcode on loan, FOR UPDATE, found through
// the copy and its open loan without locking them (a subquery is not a locking read). nullopt when the copy is
// not on loan (or there is no such copy); the caller checks, once the loan is locked, that it is still theirs.
absl::StatusOr<std::optional<int64_t>> LockBorrowerOfCopy(Tx& tx, const std::string& barcode);
absl::StatusOr<std::optional<PatronRow>> FindPatronById(Tx& tx, int64_t id, bool lock = false);
// The same lock for a use case that needs no more of the row than the patron's category (one narrow read):
// nullopt when there is no such patron.
absl::StatusOr<std::optional<int>> ReadPatronCategory(Tx& tx, int64_t id, bool lock);
// Inserts; ALREADY_EXISTS when the number is taken.
absl::StatusOr<int64_t> InsertPatron(Tx& tx, const PatronRow& patron, absl::Time now);
absl::Status SetPatronPasswordHash(Tx& tx, int64_t patron_id, const std::string& hash);
// Adds delta to the patron's active reservation counter (the row written by every reservation change).
absl::Status AddActiveReservations(Tx& tx, int64_t patron_id, int delta);

absl::StatusOr<std::optional<StaffRow>> FindStaff(Tx& tx, const std::string& staff_id);
absl::StatusOr<int64_t> UpsertStaff(Tx& tx, const StaffRow& staff);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_PATRON_STORE_H_
