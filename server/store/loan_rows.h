// Inside the store: the columns a loan is read with and their conversion. They name the loan l, its copy c and
// its title rec, so a query joining those (loan_store's reads, a check-in's read of the scanned copy) can select
// them. The patron's number is a subquery, not a join, so that a locking read of the loan does not lock the
// patron's row too (a subquery is not a locking read; the patron is always locked first, by the caller).
#ifndef SHIORI_SERVER_STORE_LOAN_ROWS_H_
#define SHIORI_SERVER_STORE_LOAN_ROWS_H_

#include "server/store/loan_store.h"
#include "server/store/sql_value.h"

namespace shiori::store {

inline constexpr char kLoanColumns[] =
    "l.id, l.copy_id, l.patron_id, l.record_id, l.library, l.loaned_at, l.due_date, l.renewals,"
    " l.returned_at, l.keep_history, COALESCE(l.request_id, ''), rec.title, c.barcode,"
    " COALESCE((SELECT p.patron_number FROM patron p WHERE p.id = l.patron_id), ''), c.material_type,"
    " (SELECT COUNT(*) FROM reservation w WHERE w.record_id = l.record_id AND w.state = 1),"
    " COALESCE(l.renew_request_id, ''), l.fulfilled_reservation_id";

inline constexpr int kLoanColumnCount = ColumnsIn(kLoanColumns);
static_assert(kLoanColumnCount == 18, "ToLoan reads 18 columns");

// A row with kLoanColumns from column `first` on.
LoanRow ToLoan(const Row& row, int first = 0);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_LOAN_ROWS_H_
