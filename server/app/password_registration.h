// 新規登録・再発行 (P4): a patron registers (or reissues) a password with patron number, 氏名カナ and telephone,
// and makes it usable from the confirmation mail. The reply to a registration never tells whether the number
// exists or the details matched (P4, P8): the same text, after the same work (the password is hashed anyway).
#ifndef SHIORI_SERVER_APP_PASSWORD_REGISTRATION_H_
#define SHIORI_SERVER_APP_PASSWORD_REGISTRATION_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/app/caller.h"
#include "server/app/mail_addresses.h"
#include "server/app/service_context.h"

namespace shiori::app {

struct RegistrationRequest {
  std::string patron_number;  // as typed (P3)
  std::string name_kana;
  std::string phone;
  std::string password;
  std::string email;
  std::string request_id;  // a retry with the same one mails no second link
};

struct RegistrationReply {
  std::string message;  // the same whatever happened
  int expires_in_hours = 0;
};

// The text of every reply to RegisterPassword.
extern const char kRegistrationReply[];

// INVALID_ARGUMENT only for input that is wrong whoever the patron is: INVALID_PATRON_NUMBER (P3), the P6
// password reasons, INVALID_EMAIL_ADDRESS (P7), a missing kana or phone. Otherwise the same reply; when the
// number exists and kana and phone match (P4), the patron's pending registration is replaced by a new one and a
// `registration_confirm` mail with its single-use token is written to the outbox in the same transaction.
absl::StatusOr<RegistrationReply> RegisterPassword(const ServiceContext& ctx, const Caller& caller,
                                                   const RegistrationRequest& request);

struct ConfirmedRegistration {
  std::string patron_number;
  KeptAddress email;  // where the registration's address was confirmed (P7)
};

// Makes the registered password usable (P4) and the mail address confirmed (P7), ends the patron's sessions and
// forgets the token. Returns the patron number and where the address went. FAILED_PRECONDITION
// CONFIRMATION_INVALID for an unknown or used token, CONFIRMATION_EXPIRED after confirmation_token_hours.
absl::StatusOr<ConfirmedRegistration> ConfirmRegistration(const ServiceContext& ctx, const Caller& caller,
                                                const std::string& token);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_PASSWORD_REGISTRATION_H_
