// Copies moving through circulation (R9–R14) in MariaDB: where a copy is and whom it is held for, the queue
// it serves, reservation transitions, ready notices in the outbox (M1, R10), the audit log (P10) and the desk's
// lists. Callers lock in the order patron → record → copy → loan → reservation.
#ifndef SHIORI_SERVER_STORE_CIRCULATION_STORE_H_
#define SHIORI_SERVER_STORE_CIRCULATION_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/store/database.h"
#include "server/store/loan_store.h"

namespace shiori::store {

struct CirculatingCopy {
  int64_t id = 0;
  std::string barcode;
  int64_t record_id = 0;
  std::string home_library;
  std::string current_library;  // where it is, or where it travels to in transit
  int material_type = 0;
  int status = 1;  // CopyStatus of catalog_store.h
  std::optional<std::string> transit_from;
  std::optional<int64_t> reservation_id;
  // Of its record:
  std::string title;
  bool latest_issue = false;
};

absl::StatusOr<std::optional<CirculatingCopy>> FindCopyByBarcode(Tx& tx, const std::string& barcode,
                                                                  bool lock = false);
absl::StatusOr<std::optional<CirculatingCopy>> FindCopyById(Tx& tx, int64_t id, bool lock = false);
// Locks the title row (the queue's owner) with a write, so routing of one title is serialised on every server.
absl::Status LockRecord(Tx& tx, int64_t record_id);
// LockRecord for the title of the copy with this barcode, without reading the copy first; no row is locked
// when there is no such copy.
absl::Status LockRecordOfCopy(Tx& tx, const std::string& barcode);
// Sets where the copy is and for whom, in the database and in `copy`, which then is what a fresh read would give.
absl::Status SetCopyPlace(Tx& tx, CirculatingCopy& copy, int status, const std::string& current_library,
                          const std::optional<std::string>& transit_from, std::optional<int64_t> reservation_id);

// Conditional transitions of a reservation and the copy that serves it, each one statement (both rows are
// locked by the caller). They return false, changing nothing, when the reservation was not in the expected state
// (the caller aborts and retries); else `copy` is what a fresh read would give.
// A waiting reservation is given the copy, which travels from `from` to the pickup library `to`.
absl::StatusOr<bool> SendForReservation(Tx& tx, int64_t reservation_id, CirculatingCopy& copy,
                                        const std::string& to, const std::optional<std::string>& from);
// A waiting or in-transit reservation is secured (R10) with the copy, on `library`'s hold shelf until `deadline`.
absl::StatusOr<bool> SecureOnHoldShelf(Tx& tx, int64_t reservation_id, CirculatingCopy& copy,
                                       const std::string& library, absl::Time now, absl::CivilDay deadline);
// Ends an active reservation (FULFILLED, CANCELLED, EXPIRED) and frees its copy link.
absl::StatusOr<int64_t> MarkEnded(Tx& tx, int64_t reservation_id, int state, absl::Time now);

struct ActiveReservation {
  int64_t id = 0;
  int state = 0;
  std::optional<int64_t> copy_id;
};
struct OpenLoan {
  int64_t id = 0;
  int64_t patron_id = 0;
};
// Everything a checkout is decided on once the title is locked, in one statement: the copy with this barcode,
// its open loan, the patron's active reservation of the title (R7: at most one), the material types of the
// patron's open loans (C4) and the reservations waiting for the title. lock: the copy, its loan and that
// reservation FOR UPDATE. nullopt when there is no such copy.
struct CheckoutRead {
  CirculatingCopy copy;
  std::optional<OpenLoan> open_loan;
  std::optional<ActiveReservation> reservation;
  std::vector<int> open_loan_types;
  int waiting = 0;
};
absl::StatusOr<std::optional<CheckoutRead>> ReadCheckout(Tx& tx, const std::string& barcode, int64_t patron_id,
                                                         bool lock);
// For a checkout of a free copy of a title that others wait for (R8, R9): how many waiting reservations are
// ahead of the patron's own waiting one (`own_reservation`; all waiting ones without it), and the material types
// of the title's other copies free on a shelf (not `copy_id`, held for nobody). Unlocked subqueries: the title
// row, which every placement locks, is this transaction's.
struct QueueClaims {
  int ahead = 0;
  std::vector<int> free_copy_types;
};
absl::StatusOr<QueueClaims> ReadQueueClaims(Tx& tx, int64_t record_id, int64_t copy_id,
                                            std::optional<int64_t> own_reservation);
// What a check-in (or a transit's arrival, or a forced return) is decided on once the borrower and the title
// are locked (LockBorrowerOfCopy, LockRecordOfCopy), in one locking read: the copy with this barcode and its
// open loan, both FOR UPDATE, the loan's patron as far as the row exists (not locked here), and the loan that
// a call with `request_id` ended, if any ("" for none). nullopt when there is no such copy.
// A desk scan that ended no loan, kept by its request id (scan_request).
struct ScanRequest {
  int kind = 0;  // the caller's kind of scan
  int64_t copy_id = 0;
  std::string library;
};
absl::Status InsertScanRequest(Tx& tx, const std::string& request_id, const ScanRequest& scan, absl::Time now);

struct ReturnRead {
  CirculatingCopy copy;
  std::optional<LoanRow> loan;
  std::optional<int64_t> borrower_id;  // the loan's patron, when there is a loan and its patron row exists
  std::optional<int64_t> returned_by_request;  // loan.return_request_id = request_id
  std::optional<ScanRequest> scanned_by_request;  // a scan that ended no loan, by request_id
};
absl::StatusOr<std::optional<ReturnRead>> ReadReturn(Tx& tx, const std::string& barcode,
                                                     const std::string& request_id = "");

struct AuditEntry {
  std::string actor;
  std::string action;
  std::string target;
  std::string detail;
  std::string peer;
};
absl::Status InsertAudit(Tx& tx, const AuditEntry& e, absl::Time now);

// --- The desk's lists ---
struct HoldShelfRow {
  int64_t reservation_id = 0;
  int64_t record_id = 0;
  std::string title;
  std::string pickup_library;
  int notify_method = 0;
  int state = 0;
  std::optional<absl::CivilDay> deadline;
  absl::Time created_at;
  bool notice_failed = false;
  std::string barcode;
  std::string patron_number;
  std::string patron_name;
  std::string phone;
  std::optional<absl::Time> called_at;
};
// Secured reservations at the library, by deadline; telephone_only for the call list (R10).
absl::StatusOr<std::vector<HoldShelfRow>> ListHoldShelf(Tx& tx, const std::string& library, bool telephone_only);
absl::StatusOr<std::optional<HoldShelfRow>> FindHoldShelfRow(Tx& tx, int64_t reservation_id);
absl::StatusOr<int64_t> MarkCalled(Tx& tx, int64_t reservation_id, absl::Time now, const std::string& by);

struct PullRow {
  std::string barcode;
  int64_t record_id = 0;
  std::string title;
  int64_t first_reservation_id = 0;
  std::string pickup_library;
  int waiting = 0;
  bool on_hold_shelf = false;  // freed there (left_on_hold_shelf_at), not on the open shelves
};
// R9: free copies on the library's shelves whose title has waiting reservations (lendable ones only).
absl::StatusOr<std::vector<PullRow>> ListPullList(Tx& tx, const std::string& library);

// R12, R14: copies freed while on the library's hold shelf, still standing there (SetCopyPlace and the
// securing statements clear the mark when the copy next moves or is scanned).
struct LeftOnHoldShelfRow {
  std::string barcode;
  int64_t record_id = 0;
  std::string title;
  absl::Time since;
};
absl::Status MarkLeftOnHoldShelf(Tx& tx, int64_t copy_id, absl::Time now);
absl::StatusOr<std::vector<LeftOnHoldShelfRow>> ListLeftOnHoldShelf(Tx& tx, const std::string& library);

struct TransitRow {
  std::string barcode;
  int64_t record_id = 0;
  std::string title;
  std::string from_library;
  std::string to_library;
  std::optional<int64_t> reservation_id;
};
absl::StatusOr<std::vector<TransitRow>> ListTransits(Tx& tx, const std::string& library, bool outgoing);

// R5: the magazine's issue marked latest (id, issue number), if any.
struct LatestIssue {
  int64_t record_id = 0;
  int issue_number = 0;
};
absl::StatusOr<std::optional<LatestIssue>> FindLatestIssue(Tx& tx, const std::string& series_title, bool lock);
// The record of one issue of a magazine, however it came into the catalogue (imported or received at a desk).
// Both find the series by its key (SeriesKey: width, case, kana and spacing as typed do not matter).
absl::StatusOr<std::optional<int64_t>> FindIssue(Tx& tx, const std::string& series_title, int issue_number);
absl::Status SetLatestIssue(Tx& tx, int64_t record_id, bool latest);

// R12: secured reservations whose deadline is before `today`.
absl::StatusOr<std::vector<int64_t>> ExpiredHolds(Tx& tx, absl::CivilDay today);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_CIRCULATION_STORE_H_
