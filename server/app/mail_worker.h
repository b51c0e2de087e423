// The outbox sender inside the server (rule M1): one thread that runs MailDelivery::SendDue whenever mail may
// be due — every poll interval (1 s), at once after a full batch, or when woken — until stopped. Several
// servers may each run one against the same database. Without --smtp-url no worker runs and mail waits in
// the outbox.
//
// Thread-safe: Wake and Stop may be called from any thread. Stop waits for the send in progress (at most one
// SMTP conversation; claimed mail not yet tried is given back) and is idempotent; the destructor stops.
#ifndef SHIORI_SERVER_APP_MAIL_WORKER_H_
#define SHIORI_SERVER_APP_MAIL_WORKER_H_

#include <atomic>
#include <memory>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/app/mail_delivery.h"
#include "server/common/clock.h"
#include "server/store/database.h"

namespace shiori::app {

class MailWorker {
 public:
  MailWorker(store::Database* db, const Clock* clock, std::unique_ptr<MailDelivery> delivery,
             absl::Duration poll = absl::Seconds(1));
  ~MailWorker();
  MailWorker(const MailWorker&) = delete;
  MailWorker& operator=(const MailWorker&) = delete;

  void Start();
  // Look for due mail now (e.g. right after a transaction that wrote some).
  void Wake();
  void Stop();

  const MailDelivery& delivery() const { return *delivery_; }

 private:
  void Run();

  store::Database* db_;
  const Clock* clock_;
  std::unique_ptr<MailDelivery> delivery_;
  absl::Duration poll_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool woken_ ABSL_GUARDED_BY(mu_) = false;
  std::atomic<bool> stop_requested_{false};  // read by the pass in progress, between mails
  std::thread thread_;
};

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_MAIL_WORKER_H_
