// What every use case needs: the database, the clock, the policy, the password hasher and the calendars. Built once at start
// and shared by all threads (read-only after construction).
#ifndef SHIORI_SERVER_APP_SERVICE_CONTEXT_H_
#define SHIORI_SERVER_APP_SERVICE_CONTEXT_H_

#include "server/app/calendar_book.h"
#include "server/auth/password_hasher.h"
#include "server/common/clock.h"
#include "server/store/database.h"
#include "shiori/v1/policy.pb.h"

namespace shiori::app {

struct ServiceContext {
  store::Database* db = nullptr;
  const Clock* clock = nullptr;
  v1::Policy policy;
  auth::PasswordHasher hasher;
  const CalendarBook* calendars = nullptr;
  // The same object as `clock` when the server runs with --test-clock (admins may set it); null otherwise, and
  // then nothing can change the clock.
  TestClock* test_clock = nullptr;
};

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_SERVICE_CONTEXT_H_
