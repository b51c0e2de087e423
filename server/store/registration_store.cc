// See registration_store.h.
#include "server/store/registration_store.h"

namespace shiori::store {

absl::Status PutRegistration(Tx& tx, const RegistrationRow& r) {
  return tx
      .Execute(
          "REPLACE INTO password_registration (patron_id, token_hash, password_hash, email, created_at, expires_at,"
          " request_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {r.patron_id, r.token_hash, r.password_hash, r.email, r.created_at, r.expires_at, TextOrNull(r.request_id)})
      .status();
}

absl::StatusOr<std::optional<RegistrationRow>> FindRegistrationByToken(Tx& tx, const std::string& token_hash) {
  auto rows = tx.Query(
      "SELECT patron_id, token_hash, password_hash, email, created_at, expires_at FROM password_registration"
      " WHERE token_hash = ? FOR UPDATE",
      {token_hash});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<RegistrationRow>();
  const Row& r = rows->front();
  return std::optional<RegistrationRow>(
      RegistrationRow{r.Int(0), r.Str(1), r.Str(2), r.Str(3), r.Time(4), r.Time(5), std::string()});
}

absl::Status DeleteRegistration(Tx& tx, int64_t patron_id) {
  return tx.Execute("DELETE FROM password_registration WHERE patron_id = ?", {patron_id}).status();
}

absl::StatusOr<std::string> PendingRegistrationRequestId(Tx& tx, int64_t patron_id) {
  auto rows = tx.Query("SELECT COALESCE(request_id, '') FROM password_registration WHERE patron_id = ?", {patron_id});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? std::string() : rows->front().Str(0);
}

}  // namespace shiori::store
