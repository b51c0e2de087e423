// See deadline_moves.h.
#include "server/app/deadline_moves.h"

#include "server/app/mail_dates.h"
#include "server/store/deadline_store.h"
#include "server/store/outbox_store.h"

namespace shiori::app {

absl::StatusOr<MovedDeadlines> MoveDeadlinesOffClosedDays(store::Tx& tx, const policy::LibraryCalendar& calendar,
                                                          const policy::HolidayCalendar& holidays,
                                                          absl::CivilDay first, absl::CivilDay last,
                                                          int max_search_days, bool dry_run) {
  MovedDeadlines moved;
  const std::string& library = calendar.library_id();
  // Loans before reservations, as everywhere (lock order of the use cases).
  auto loans = store::LockOpenLoansDue(tx, library, first, last);
  if (!loans.ok()) return loans.status();
  for (const auto& loan : *loans) {
    auto next = policy::NextOpenDay(calendar, holidays, loan.day, max_search_days);
    if (!next.ok()) return next.status();
    if (*next == loan.day) continue;
    ++moved.due_dates;
    if (dry_run) continue;
    if (absl::Status s = store::SetLoanDueDate(tx, loan.id, *next); !s.ok()) return s;
  }
  auto holds = store::LockSecuredPickupDeadlines(tx, library, first, last);
  if (!holds.ok()) return holds.status();
  for (const auto& hold : *holds) {
    auto next = policy::NextOpenDay(calendar, holidays, hold.day, max_search_days);
    if (!next.ok()) return next.status();
    if (*next == hold.day) continue;
    ++moved.pickup_deadlines;
    if (dry_run) continue;
    if (absl::Status s = store::SetPickupDeadline(tx, hold.id, *next); !s.ok()) return s;
    // A ready mail not sent yet tells the new deadline.
    if (auto n = store::SetPendingReadyDeadline(tx, hold.id, JapaneseDate(*next)); !n.ok()) return n.status();
  }
  return moved;
}

}  // namespace shiori::app
