// See mail_worker.h.
#include "server/app/mail_worker.h"

#include <cstdio>

namespace shiori::app {

MailWorker::MailWorker(store::Database* db, const Clock* clock, std::unique_ptr<MailDelivery> delivery,
                       absl::Duration poll)
    : db_(db), clock_(clock), delivery_(std::move(delivery)), poll_(poll) {}

MailWorker::~MailWorker() { Stop(); }

void MailWorker::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void MailWorker::Wake() {
  absl::MutexLock lock(&mu_);
  woken_ = true;
}

void MailWorker::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  stop_requested_.store(true);
  if (thread_.joinable()) thread_.join();
}

void MailWorker::Run() {
  bool database_down = false;
  for (;;) {
    bool progressed = false;
    auto pass = delivery_->SendDue(*db_, *clock_, /*ignore_backoff=*/false, &stop_requested_);
    if (!pass.ok()) {
      // Reported once per outage, not once a second.
      if (!database_down) {
        std::fprintf(stderr, "mail: outbox not reachable, will keep trying: %s\n",
                     std::string(pass.status().message()).c_str());
      }
      database_down = true;
    } else {
      database_down = false;
      // A pass that moved mail out of the queue may have left more due: go on without waiting. Temporary
      // failures are not progress (they would spin while the mail server is down).
      progressed = pass->sent + pass->failed > 0;
    }
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    if (!progressed) {
      auto wake = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_ || woken_; };
      mu_.AwaitWithTimeout(absl::Condition(&wake), poll_);
      if (stopping_) return;
    }
    woken_ = false;
  }
}

}  // namespace shiori::app
