// Delivers due outbox mail over SMTP (rules M1, R10, R15): claims a batch of rows with a lease, composes each
// (mail_composer.h), sends it, and records the outcome:
//   delivered            → sent (state 3)
//   TEMPORARY failure    → pending again, due after RetryDelay(attempts); after give_up_after since the
//                          event it is failed instead (a mail server that never comes back)
//   PERMANENT failure, or a row that can never be a valid mail
//                        → failed (state 4) and, for a ready notice, reservation.notice_failed (R15)
// What is guaranteed is in docs/mail.md: at least once per event, exactly once unless a sender stops (or its
// lease runs out) between the server's acceptance and the write of "sent". Every retry of one event is the
// same message (same Message-ID, same Date: the event's time), so a reader or a mail server can drop repeats.
//
// Thread-safe: SendDue may run on several threads or processes at once; the lease keeps them apart.
#ifndef SHIORI_SERVER_APP_MAIL_DELIVERY_H_
#define SHIORI_SERVER_APP_MAIL_DELIVERY_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/app/mail_composer.h"
#include "server/common/clock.h"
#include "server/notify/mail_template.h"
#include "server/notify/smtp_sender.h"
#include "server/store/database.h"

namespace shiori::app {

struct MailDeliveryConfig {
  notify::SmtpConfig smtp;
  MailIdentity identity;
  std::string templates_dir;  // config/mail
  int batch_size = 10;
  // A mail still not delivered this long after its event is failed (R15 shows it) instead of retried.
  absl::Duration give_up_after = absl::Hours(72);
  // Names this sender in claimed_by; empty: "<host>:<pid>:<random>", unique per process.
  std::string sender_id;
  // Where the sender reports retries and failures (one line each); empty: stderr.
  std::function<void(const std::string&)> log;
};

struct MailPassCounts {
  int claimed = 0;
  int sent = 0;
  int retried = 0;
  int failed = 0;
  int lost = 0;  // rows whose claim was taken over before the outcome was written
  int withdrawn = 0;  // ready notices whose reservation left the hold shelf before they were sent

  MailPassCounts& operator+=(const MailPassCounts& o);
};

class MailDelivery {
 public:
  // Loads the templates and prepares the SMTP sender. INVALID_ARGUMENT / NOT_FOUND from those.
  static absl::StatusOr<std::unique_ptr<MailDelivery>> Create(MailDeliveryConfig config);

  // One pass: claims up to batch_size due rows (ClaimDueMail) and sends each. UNAVAILABLE and the like when
  // the database cannot be reached; SMTP problems are outcomes in the counts, not errors. When `stop`
  // becomes true, the rows not yet tried are given back (ReleaseMailClaim) and the pass ends.
  absl::StatusOr<MailPassCounts> SendDue(store::Database& db, const Clock& clock, bool ignore_backoff = false,
                                         const std::atomic<bool>* stop = nullptr);
  // Passes until one moves no row out of the queue (nothing due, or only temporary failures).
  absl::StatusOr<MailPassCounts> SendAllDue(store::Database& db, const Clock& clock, bool ignore_backoff = false);

  const std::string& sender_id() const { return config_.sender_id; }
  // How long a claim lasts: longer than the SMTP conversations of a whole batch.
  absl::Duration lease() const;

 private:
  MailDelivery(MailDeliveryConfig config, notify::MailTemplateSet templates, std::unique_ptr<notify::SmtpSender> smtp);
  void Log(const std::string& line) const;

  MailDeliveryConfig config_;
  notify::MailTemplateSet templates_;
  std::unique_ptr<notify::SmtpSender> smtp_;
};

// A sender id unique to this process: host name, pid and a random suffix.
std::string NewMailSenderId();

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_MAIL_DELIVERY_H_
