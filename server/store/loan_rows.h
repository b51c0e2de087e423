// Inside the store: the columns a loan is read with and their conversion. They name the loan l, its copy c, its
// title rec and its patron p, so a query joining those (loan_store's reads, a check-in's read of the scanned copy)
// can select them.
#ifndef SHIORI_SERVER_STORE_LOAN_ROWS_H_
#define SHIORI_SERVER_STORE_LOAN_ROWS_H_

#include "server/store/loan_store.h"
#include "server/store/sql_value.h"

namespace shiori::store {

inline constexpr char kLoanColumns[] =
    "l.id, l.copy_id, l.patron_id, l.record_id, l.library, l.loaned_at, l.due_date, l.renewals,"
    " l.returned_at, l.keep_history, COALESCE(l.request_id, ''), rec.title, c.barcode,"
    " COALESCE(p.patron_number, ''), c.material_type,"
    " (SELECT COUNT(*) FROM reservation w WHERE w.record_id = l.record_id AND w.state = 1),"
    " COALESCE(l.renew_request_id, '')";

// A row with kLoanColumns from column `first` on.
LoanRow ToLoan(const Row& row, int first = 0);

}  // namespace shiori::store

#endif  // SHIORI_SERVER_STORE_LOAN_ROWS_H_
