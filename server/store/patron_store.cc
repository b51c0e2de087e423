// See patron_store.h.
#include "server/store/patron_store.h"

#include "absl/strings/str_cat.h"

namespace shiori::store {
namespace {

constexpr char kPatronColumns[] =
    "id, patron_number, category, name, name_kana, address, phone, home_library, password_hash,"
    " active_reservations, blocked, reading_history";

PatronRow ToPatron(const Row& r) {
  PatronRow p;
  p.id = r.Int(0);
  p.patron_number = r.Str(1);
  p.category = static_cast<int>(r.Int(2));
  p.name = r.Str(3);
  p.name_kana = r.Str(4);
  p.address = r.Str(5);
  p.phone = r.Str(6);
  p.home_library = r.Str(7);
  if (!r.IsNull(8)) p.password_hash = r.Str(8);
  p.active_reservations = static_cast<int>(r.Int(9));
  p.blocked = r.Bool(10);
  p.reading_history = r.Bool(11);
  return p;
}

absl::StatusOr<std::optional<PatronRow>> FindPatronWhere(Tx& tx, const char* where, SqlValue key, bool lock) {
  auto rows = tx.Query(absl::StrCat("SELECT ", kPatronColumns, " FROM patron WHERE ", where, lock ? " FOR UPDATE" : ""),
                       {std::move(key)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<PatronRow>();
  return std::optional<PatronRow>(ToPatron(rows->front()));
}

absl::StatusOr<std::optional<StaffRow>> FindStaffWhere(Tx& tx, const char* where, SqlValue key) {
  auto rows = tx.Query(absl::StrCat("SELECT id, staff_id, name, password_hash, is_admin FROM staff WHERE ", where),
                       {std::move(key)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<StaffRow>();
  const Row& r = rows->front();
  StaffRow s{r.Int(0), r.Str(1), r.Str(2), std::nullopt, r.Bool(4), {}};
  if (!r.IsNull(3)) s.password_hash = r.Str(3);
  auto libs = tx.Query("SELECT library_id FROM staff_library WHERE staff_id = ? ORDER BY library_id", {s.id});
  if (!libs.ok()) return libs.status();
  for (const Row& l : *libs) s.libraries.push_back(l.Str(0));
  return std::optional<StaffRow>(std::move(s));
}

}  // namespace

absl::StatusOr<std::optional<PatronRow>> FindPatronByNumber(Tx& tx, const std::string& number, bool lock) {
  return FindPatronWhere(tx, "patron_number = ?", number, lock);
}

absl::StatusOr<BorrowerRead> ReadBorrower(Tx& tx, const std::string& number, const std::string& request_id,
                                          bool lock) {
  // One row even when there is no such patron: the patron is outer-joined to a one-row table. Without a
  // request id the match is with NULL, which matches nothing.
  auto rows = tx.Query(absl::StrCat("SELECT ", kPatronColumns,
                                    ", (SELECT q.id FROM loan q WHERE q.request_id = ?)"
                                    " FROM (SELECT 1) one LEFT JOIN patron ON patron_number = ?",
                                    lock ? " FOR UPDATE" : ""),
                       {TextOrNull(request_id), number});
  if (!rows.ok()) return rows.status();
  const Row& row = rows->at(0);
  BorrowerRead out;
  if (!row.IsNull(0)) out.patron = ToPatron(row);
  constexpr int kRequestColumn = ColumnsIn(kPatronColumns);
  if (!row.IsNull(kRequestColumn)) out.request_match = row.Int(kRequestColumn);
  return out;
}

absl::StatusOr<std::optional<int64_t>> LockBorrowerOfCopy(Tx& tx, const std::string& barcode) {
  auto rows = tx.Query(
      "SELECT id FROM patron WHERE id ="
      " (SELECT l.patron_id FROM copy c JOIN loan l ON l.open_copy_id = c.id WHERE c.barcode = ?) FOR UPDATE",
      {barcode});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().Int(0));
}

absl::StatusOr<std::optional<PatronRow>> FindPatronById(Tx& tx, int64_t id, bool lock) {
  return FindPatronWhere(tx, "id = ?", id, lock);
}

absl::StatusOr<std::optional<int>> ReadPatronCategory(Tx& tx, int64_t id, bool lock) {
  auto rows = tx.Query(lock ? "SELECT category FROM patron WHERE id = ? FOR UPDATE" : "SELECT category FROM patron WHERE id = ?",
                       {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<int>();
  return std::optional<int>(static_cast<int>(rows->front().Int(0)));
}

absl::StatusOr<int64_t> InsertPatron(Tx& tx, const PatronRow& p, absl::Time now) {
  SqlValue hash = p.password_hash ? SqlValue(*p.password_hash) : SqlValue(Null{});
  auto n = tx.Query(
      "INSERT INTO patron (patron_number, category, name, name_kana, address, phone, home_library, password_hash,"
      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {p.patron_number, int64_t{p.category}, p.name, p.name_kana, p.address, p.phone, p.home_library, hash, now});
  if (!n.ok()) return n.status();
  return n->front().Int(0);
}

absl::Status SetPatronPasswordHash(Tx& tx, int64_t patron_id, const std::string& hash) {
  return tx.Execute("UPDATE patron SET password_hash = ? WHERE id = ?", {hash, patron_id}).status();
}

absl::Status AddActiveReservations(Tx& tx, int64_t patron_id, int delta) {
  return tx
      .Execute("UPDATE patron SET active_reservations = GREATEST(active_reservations + ?, 0) WHERE id = ?",
               {int64_t{delta}, patron_id})
      .status();
}

absl::StatusOr<std::optional<StaffRow>> FindStaff(Tx& tx, const std::string& staff_id) {
  return FindStaffWhere(tx, "staff_id = ?", staff_id);
}


absl::StatusOr<int64_t> UpsertStaff(Tx& tx, const StaffRow& s) {
  SqlValue hash = s.password_hash ? SqlValue(*s.password_hash) : SqlValue(Null{});
  auto n = tx.Execute(
      "INSERT INTO staff (staff_id, name, password_hash, is_admin) VALUES (?, ?, ?, ?)"
      " ON DUPLICATE KEY UPDATE name = VALUES(name), is_admin = VALUES(is_admin)",
      {s.staff_id, s.name, hash, int64_t{s.is_admin}});
  if (!n.ok()) return n.status();
  auto id = tx.Query("SELECT id FROM staff WHERE staff_id = ?", {s.staff_id});
  if (!id.ok()) return id.status();
  int64_t staff = id->at(0).Int(0);
  for (const auto& lib : s.libraries) {
    auto r = tx.Execute("INSERT IGNORE INTO staff_library (staff_id, library_id) VALUES (?, ?)", {staff, lib});
    if (!r.ok()) return r.status();
  }
  return staff;
}

}  // namespace shiori::store
