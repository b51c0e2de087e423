// See deadline_store.h.
#include "server/store/deadline_store.h"

namespace shiori::store {
namespace {

// shiori.v1.ReservationState SECURED.
constexpr int64_t kSecured = 3;

absl::StatusOr<std::vector<StoredDeadline>> ToDeadlines(absl::StatusOr<Rows> rows) {
  if (!rows.ok()) return rows.status();
  std::vector<StoredDeadline> out;
  for (const Row& r : *rows) {
    if (auto day = r.Day(1)) out.push_back({r.Int(0), *day});
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<StoredDeadline>> LockOpenLoansDue(Tx& tx, const std::string& library_id,
                                                             absl::CivilDay first, absl::CivilDay last) {
  return ToDeadlines(tx.Query(
      "SELECT id, due_date FROM loan WHERE library = ? AND returned_at IS NULL AND due_date BETWEEN ? AND ?"
      " ORDER BY id FOR UPDATE",
      {library_id, first, last}));
}

absl::Status SetLoanDueDate(Tx& tx, int64_t loan_id, absl::CivilDay due) {
  return tx.Execute("UPDATE loan SET due_date = ? WHERE id = ?", {due, loan_id}).status();
}

absl::StatusOr<std::vector<StoredDeadline>> LockSecuredPickupDeadlines(Tx& tx, const std::string& library_id,
                                                                       absl::CivilDay first, absl::CivilDay last) {
  return ToDeadlines(tx.Query(
      "SELECT id, pickup_deadline FROM reservation WHERE pickup_library = ? AND state = ?"
      " AND pickup_deadline BETWEEN ? AND ? ORDER BY id FOR UPDATE",
      {library_id, kSecured, first, last}));
}

absl::Status SetPickupDeadline(Tx& tx, int64_t reservation_id, absl::CivilDay deadline) {
  return tx.Execute("UPDATE reservation SET pickup_deadline = ? WHERE id = ?", {deadline, reservation_id}).status();
}

}  // namespace shiori::store
