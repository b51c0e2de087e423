// A patron's mail addresses (P7): up to max_email_addresses (メールアドレス1, 2), each confirmed by a mail sent to
// it before it is used, and the choice of which confirmed address gets hold-ready mail, or telephone (R2, R10).
// Every function acts on the calling patron's own record only (P10).
#ifndef SHIORI_SERVER_APP_MAIL_ADDRESSES_H_
#define SHIORI_SERVER_APP_MAIL_ADDRESSES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"
#include "server/store/database.h"
#include "shiori/v1/common.pb.h"

namespace shiori::app {

// Adds (slot 0: the first free one) or replaces (slot 1 or 2) an address and mails its confirmation. A confirmed
// address being replaced stays in use until the new one is confirmed (it is the slot's pending address until
// then); giving a slot its own confirmed address again drops a pending one and mails nothing.
// INVALID_ARGUMENT INVALID_EMAIL_ADDRESS / field slot; FAILED_PRECONDITION EMAIL_LIMIT_REACHED when both slots
// are taken and no slot is given.
// A retry with the same request_id adds nothing and mails no second link; the same id for another address or
// slot is REQUEST_ID_REUSED.
absl::Status AddEmailAddress(const ServiceContext& ctx, const Caller& caller, const std::string& address, int slot,
                             const std::string& request_id = "");
// NOT_FOUND EMAIL_SLOT_EMPTY. Removing the hold-notice address leaves the choice unset.
absl::Status RemoveEmailAddress(const ServiceContext& ctx, const Caller& caller, int slot);
// From the mail's token (no login needed). Returns the address. FAILED_PRECONDITION CONFIRMATION_INVALID /
// CONFIRMATION_EXPIRED. The first confirmed address becomes the hold-notice address if none was chosen.
absl::StatusOr<std::string> ConfirmEmailAddress(const ServiceContext& ctx, const Caller& caller,
                                                const std::string& token);
// EMAIL with the slot of a confirmed address (0: the only confirmed one), or TELEPHONE.
// FAILED_PRECONDITION EMAIL_NOT_CONFIRMED; INVALID_ARGUMENT for another method or slot.
absl::Status SetHoldNotice(const ServiceContext& ctx, const Caller& caller, v1::NotifyMethod method, int slot);

// Where KeepConfirmedAddress put an address: its slot, and the confirmed address it replaced there ("" for none).
struct KeptAddress {
  int slot = 0;
  std::string replaced;
};

// In the caller's transaction: `address` is confirmed for the patron — its slot if it has one (or waits there),
// else the first free slot, else one not confirmed, else one the hold-ready notices do not go to. Used when a
// registration mail to it was confirmed (P4).
absl::StatusOr<KeptAddress> KeepConfirmedAddress(const ServiceContext& ctx, store::Tx& tx, int64_t patron_id,
                                  const std::string& address, absl::Time now);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_MAIL_ADDRESSES_H_
