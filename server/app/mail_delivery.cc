// See mail_delivery.h.
#include "server/app/mail_delivery.h"

#include <unistd.h>

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "server/auth/secret_token.h"
#include "server/store/outbox_store.h"

namespace shiori::app {
namespace {

std::string Describe(const notify::SmtpResult& r) {
  std::string out(notify::SmtpOutcomeName(r.outcome));
  if (r.reply_code != 0) absl::StrAppend(&out, " ", r.reply_code, " ", r.reply_text);
  if (!r.detail.empty()) absl::StrAppend(&out, " (", r.detail, ")");
  if (r.possibly_delivered) absl::StrAppend(&out, " [possibly delivered]");
  return out;
}

}  // namespace

MailPassCounts& MailPassCounts::operator+=(const MailPassCounts& o) {
  claimed += o.claimed;
  sent += o.sent;
  retried += o.retried;
  failed += o.failed;
  lost += o.lost;
  withdrawn += o.withdrawn;
  return *this;
}

std::string NewMailSenderId() {
  char host[128] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  auto token = auth::NewSecretToken();
  const std::string suffix = token.ok() ? token->substr(0, 8) : std::to_string(reinterpret_cast<uintptr_t>(&host));
  return absl::StrCat(std::string(host).substr(0, 40), ":", getpid(), ":", suffix);
}

absl::StatusOr<std::unique_ptr<MailDelivery>> MailDelivery::Create(MailDeliveryConfig config) {
  auto templates = notify::MailTemplateSet::Load(config.templates_dir);
  if (!templates.ok()) return templates.status();
  auto smtp = notify::SmtpSender::Create(config.smtp);
  if (!smtp.ok()) return smtp.status();
  if (config.sender_id.empty()) config.sender_id = NewMailSenderId();
  if (config.batch_size < 1) config.batch_size = 1;
  return std::unique_ptr<MailDelivery>(new MailDelivery(std::move(config), std::move(*templates), std::move(*smtp)));
}

MailDelivery::MailDelivery(MailDeliveryConfig config, notify::MailTemplateSet templates,
                           std::unique_ptr<notify::SmtpSender> smtp)
    : config_(std::move(config)), templates_(std::move(templates)), smtp_(std::move(smtp)) {}

absl::Duration MailDelivery::lease() const {
  return config_.smtp.total_timeout * config_.batch_size + absl::Minutes(1);
}

void MailDelivery::Log(const std::string& line) const {
  if (config_.log) {
    config_.log(line);
  } else {
    std::fprintf(stderr, "mail: %s\n", line.c_str());
  }
}

absl::StatusOr<MailPassCounts> MailDelivery::SendDue(store::Database& db, const Clock& clock, bool ignore_backoff,
                                                     const std::atomic<bool>* stop) {
  MailPassCounts counts;
  auto rows = store::ClaimDueMail(db, config_.sender_id, clock.Now(), lease(), config_.batch_size, ignore_backoff);
  if (!rows.ok()) return rows.status();
  counts.claimed = static_cast<int>(rows->size());
  for (const store::OutboxRow& row : *rows) {
    if (stop != nullptr && stop->load()) {
      // Shutting down: hand the rest back now rather than leave them to a lease that runs for minutes.
      absl::Status s = db.InTransaction(
          [&](store::Tx& tx) { return store::ReleaseMailClaim(tx, row.id, config_.sender_id).status(); });
      if (!s.ok()) Log(absl::StrCat("outbox ", row.id, ": could not give back the claim: ", s.message()));
      continue;
    }
    if (row.kind == store::kMailKindHoldReady && row.reservation_id) {
      // Waiting for a retry, a notice can outlive its reason: cancelled, expired or collected, the patron must
      // not be told to come (R10, R14).
      bool withdrawn = false;
      absl::Status s = db.InTransaction([&](store::Tx& tx) -> absl::Status {
        auto w = store::WithdrawStaleReadyNotice(tx, row.id, config_.sender_id);
        if (!w.ok()) return w.status();
        withdrawn = *w;
        return absl::OkStatus();
      });
      if (!s.ok()) return s;
      if (withdrawn) {
        ++counts.withdrawn;
        Log(absl::StrCat("outbox ", row.id, " (", row.kind, "): withdrawn, reservation ", *row.reservation_id,
                         " is no longer on the hold shelf"));
        continue;
      }
    }
    // The Date is the event's time (the row's created_at, from the clock of the change that wrote it), so
    // every attempt sends the same bytes.
    auto composed = ComposeMail(row, config_.identity, templates_, row.created_at);
    enum class Next { kSent, kRetry, kFail } next;
    std::string error;
    if (!composed.ok()) {
      next = Next::kFail;
      error = absl::StrCat("not sendable: ", composed.status().message());
    } else {
      const notify::SmtpResult result = smtp_->Send(composed->envelope, composed->message);
      error = Describe(result);
      switch (result.outcome) {
        case notify::SmtpOutcome::kDelivered:
          next = Next::kSent;
          break;
        case notify::SmtpOutcome::kPermanentFailure:
          next = Next::kFail;
          break;
        case notify::SmtpOutcome::kTemporaryFailure:
          next = Next::kRetry;
          break;
      }
    }
    const absl::Time now = clock.Now();
    if (next == Next::kRetry && now - row.created_at >= config_.give_up_after) {
      next = Next::kFail;
      error = absl::StrCat("gave up after ", row.attempts, " attempts: ", error);
    }
    bool owned = false;
    absl::Status s = db.InTransaction([&](store::Tx& tx) -> absl::Status {
      absl::StatusOr<bool> r;
      switch (next) {
        case Next::kSent:
          r = store::MarkMailSent(tx, row.id, config_.sender_id, now);
          break;
        case Next::kRetry:
          r = store::MarkMailRetry(tx, row.id, config_.sender_id, now + RetryDelay(row.attempts), error);
          break;
        case Next::kFail:
          r = store::MarkMailFailed(tx, row.id, config_.sender_id, now, error);
          break;
      }
      if (!r.ok()) return r.status();
      owned = *r;
      return absl::OkStatus();
    });
    if (!s.ok()) {
      // The mail may have gone out; the lease will expire and the row be sent again (docs/mail.md).
      Log(absl::StrCat("outbox ", row.id, ": could not record the outcome (", error, "): ", s.message()));
      return s;
    }
    if (!owned) {
      ++counts.lost;
      Log(absl::StrCat("outbox ", row.id, ": claim taken over by another sender before the outcome was written"));
      continue;
    }
    switch (next) {
      case Next::kSent:
        ++counts.sent;
        break;
      case Next::kRetry:
        ++counts.retried;
        Log(absl::StrCat("outbox ", row.id, " (", row.kind, "): attempt ", row.attempts,
                         " failed, will retry: ", error));
        break;
      case Next::kFail:
        ++counts.failed;
        Log(absl::StrCat("outbox ", row.id, " (", row.kind, "): failed: ", error));
        break;
    }
  }
  return counts;
}

absl::StatusOr<MailPassCounts> MailDelivery::SendAllDue(store::Database& db, const Clock& clock, bool ignore_backoff) {
  MailPassCounts total;
  for (;;) {
    auto pass = SendDue(db, clock, ignore_backoff);
    if (!pass.ok()) return pass.status();
    total += *pass;
    // Temporary failures went back to the queue (and, with ignore_backoff, are due again at once): stop
    // when a pass moved nothing out of it.
    if (pass->sent + pass->failed == 0) return total;
  }
}

}  // namespace shiori::app
