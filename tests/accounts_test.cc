// Patron accounts end to end through the SDK on a real server and MariaDB (P2–P10): password registration and
// its confirmation mail (the token read from the outbox table), login, lockout and reset, password change,
// mail addresses, token and session expiry on the server's test clock, staff patron records, service accounts,
// and the audit log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "shiori/error_details.h"
#include "shiori/grpc_status.h"
#include "shiori/v1/admin.grpc.pb.h"
#include "tests/support/demo_server_test.h"

namespace shiori::testing {
namespace {

class AccountsTest : public DemoServerTest {
 protected:
  // The token of the newest confirmation mail of `kind` to `recipient`, from the outbox row's params (M1).
  std::string TokenFromOutbox(const std::string& kind, const std::string& recipient) {
    auto rows = Sql(absl::StrCat("SELECT params FROM outbox WHERE kind = '", kind, "' AND recipient = '", recipient,
                                 "' ORDER BY id DESC LIMIT 1"));
    if (rows.empty()) return "";
    auto params = nlohmann::json::parse(rows.front(), nullptr, false);
    if (!params.is_object() || !params.contains("confirm_token")) return "";
    EXPECT_TRUE(params.contains("expires_at"));
    return params["confirm_token"].get<std::string>();
  }

  // Moves the server's test clock (AdminService, as the admin).
  void AdvanceClock(const std::string& duration) {
    Client admin = Staff("a0001", "admin001");
    auto channel = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    auto stub = v1::AdminService::NewStub(channel);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + admin.session_token());
    v1::AdvanceClockRequest req;
    req.set_duration(duration);
    v1::ClockState state;
    grpc::Status s = stub->AdvanceClock(&context, req, &state);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  absl::StatusOr<v1::RegisterPasswordResponse> Register(const std::string& number, const std::string& kana,
                                                        const std::string& phone, const std::string& password,
                                                        const std::string& email) {
    Client c = server_->NewClient();
    v1::RegisterPasswordRequest req;
    req.set_patron_number(number);
    req.set_name_kana(kana);
    req.set_phone(phone);
    req.set_password(password);
    req.set_email(email);
    return c.RegisterPassword(req);
  }

  absl::Status Confirm(const std::string& token) {
    Client c = server_->NewClient();
    v1::ConfirmRegistrationRequest req;
    req.set_token(token);
    return c.ConfirmRegistration(req).status();
  }

  absl::Status Login(const std::string& number, const std::string& password) {
    return server_->PatronClient(number, password).status();
  }

};

// P4, P3, P8: the whole story — register (full-width number, kana with other spacing, phone without hyphens),
// the password is not usable before the mail is confirmed, confirm once, then log in.
TEST_F(AccountsTest, RegistrationConfirmationLogin) {
  auto reply = Register("　０００００03 ", "シオリハナコ", "0600000003", "Hana2024", "hanako@example.jp");
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->expires_in_hours(), 24);
  EXPECT_EQ(ErrorReason(Login("0000003", "Hana2024")), "INVALID_CREDENTIALS");  // P4: not yet confirmed

  const std::string token = TokenFromOutbox("registration_confirm", "hanako@example.jp");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'registration_confirm' AND template = "
                  "'registration_confirm' AND dedupe_key LIKE 'confirm:%'"),
            1);
  // Only the hash of the token is kept with the registration.
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM password_registration WHERE token_hash = '", token, "'")), 0);
  ASSERT_TRUE(Confirm(token).ok());
  EXPECT_EQ(ErrorReason(Confirm(token)), "CONFIRMATION_INVALID");  // single use

  auto patron = server_->PatronClient("0000003", "Hana2024");
  ASSERT_TRUE(patron.ok()) << patron.status();
  auto profile = patron->GetProfile();
  ASSERT_TRUE(profile.ok()) << profile.status();
  EXPECT_TRUE(profile->password_registered());
  ASSERT_EQ(profile->email_addresses_size(), 1);
  EXPECT_TRUE(profile->email_addresses(0).confirmed());  // P7: the registration mail confirmed it
  EXPECT_EQ(profile->hold_notice(), v1::EMAIL);
  // The audit log has the story and never the password (P10).
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'patron.register_password'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%Hana2024%' OR target LIKE '%Hana2024%'"), 0);
}

// A retried registration or address change (the same request_id: the SDK retries on UNAVAILABLE) mails no
// second link, so the first stays the one that works; the same id for another address is refused. Every
// mutation's request_id is checked alike (AIP-155), whether its use case keeps it or not.
TEST_F(AccountsTest, RetriedAccountCallsMailOneLink) {  // P4, P7
  Client anonymous = server_->NewClient();
  v1::RegisterPasswordRequest reg;
  reg.set_patron_number("0000003");
  reg.set_name_kana("シオリ ハナコ");
  reg.set_phone("06-0000-0003");
  reg.set_password("Hana2024");
  reg.set_email("hanako@example.jp");
  reg.set_request_id("reg-once");
  ASSERT_TRUE(anonymous.RegisterPassword(reg).ok());
  const std::string token = TokenFromOutbox("registration_confirm", "hanako@example.jp");
  ASSERT_TRUE(anonymous.RegisterPassword(reg).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'registration_confirm'"), 1);
  ASSERT_TRUE(Confirm(token).ok());

  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok());
  v1::AddEmailAddressRequest add;
  add.set_address("retry@example.jp");
  add.set_request_id("add-once");
  ASSERT_TRUE(patron->AddEmailAddress(add).ok());
  const std::string link = TokenFromOutbox("email_confirm", "retry@example.jp");
  ASSERT_TRUE(patron->AddEmailAddress(add).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'email_confirm' AND recipient = 'retry@example.jp'"), 1);
  add.set_address("other@example.jp");
  EXPECT_EQ(ErrorReason(patron->AddEmailAddress(add).status()), "REQUEST_ID_REUSED");
  v1::ConfirmEmailAddressRequest confirm;
  confirm.set_token(link);
  EXPECT_TRUE(server_->NewClient().ConfirmEmailAddress(confirm).ok());

  v1::SetHoldNoticeRequest notice;
  notice.set_method(v1::TELEPHONE);
  notice.set_request_id("not a request id");
  auto refused = patron->SetHoldNotice(notice);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(refused.status().message()).find("request_id"), std::string::npos) << refused.status();
}

// P7: a registration's address confirmed into a full set of addresses takes the place of one the hold-ready
// notices do not go to, never of the chosen one.
TEST_F(AccountsTest, RegistrationKeepsTheChosenAddress) {  // P4, P7
  Sql("INSERT INTO patron_email (patron_id, slot, address, confirmed_at, created_at) SELECT id, 1, 'chosen@example.jp',"
      " NOW(), NOW() FROM patron WHERE patron_number = '0000003'");
  Sql("INSERT INTO patron_email (patron_id, slot, address, confirmed_at, created_at) SELECT id, 2, 'spare@example.jp',"
      " NOW(), NOW() FROM patron WHERE patron_number = '0000003'");
  Sql("UPDATE patron SET hold_notice_method = 1, hold_notice_slot = 1 WHERE patron_number = '0000003'");
  ASSERT_TRUE(Register("0000003", "シオリ ハナコ", "06-0000-0003", "Hana2024", "new@example.jp").ok());
  Client anyone = server_->NewClient();
  v1::ConfirmRegistrationRequest confirm;
  confirm.set_token(TokenFromOutbox("registration_confirm", "new@example.jp"));
  auto done = anyone.ConfirmRegistration(confirm);
  ASSERT_TRUE(done.ok()) << done.status();
  // The patron is told which address the new one took the place of.
  EXPECT_EQ(done->email_slot(), 2);
  EXPECT_EQ(done->replaced_address(), "spare@example.jp");
  EXPECT_EQ(One("SELECT GROUP_CONCAT(e.address ORDER BY e.slot) FROM patron_email e JOIN patron p ON p.id = e.patron_id"
                " WHERE p.patron_number = '0000003'"),
            "chosen@example.jp,new@example.jp");
}

// P4, P8: an unknown number, a known one with the wrong kana or phone, and a matching one get the same answer;
// only the match writes a mail.
TEST_F(AccountsTest, UnknownAndKnownNumbersAnswerAlike) {
  auto unknown = Register("9999999", "シオリ ハナコ", "06-0000-0003", "abcd1234", "a@example.jp");
  auto wrong_kana = Register("0000003", "シオリ ハナ", "06-0000-0003", "abcd1234", "b@example.jp");
  auto wrong_phone = Register("0000003", "シオリ ハナコ", "06-0000-0004", "abcd1234", "c@example.jp");
  auto matching = Register("0000003", "シオリ ハナコ", "06-0000-0003", "abcd1234", "d@example.jp");
  for (const auto* r : {&unknown, &wrong_kana, &wrong_phone, &matching}) {
    ASSERT_TRUE(r->ok()) << r->status();
    EXPECT_EQ((*r)->message(), unknown->message());
    EXPECT_EQ((*r)->expires_in_hours(), unknown->expires_in_hours());
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'registration_confirm'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE recipient = 'd@example.jp'"), 1);
  // P6 is told whoever the patron is.
  EXPECT_EQ(ErrorReason(Register("9999999", "シオリ", "06", "ａｂｃｄ", "a@example.jp").status()),
            "PASSWORD_NOT_HALF_WIDTH");
  EXPECT_EQ(ErrorReason(Register("9999999", "シオリ", "06", "abc", "a@example.jp").status()), "PASSWORD_TOO_SHORT");
  EXPECT_EQ(ErrorReason(Register("9999999", "シオリ", "06", "abcdefghijk", "a@example.jp").status()),
            "PASSWORD_TOO_LONG");
}

// P4: a second registration replaces the first token; a token expires after confirmation_token_hours.
TEST_F(AccountsTest, SecondRegistrationReplacesTokenAndTokensExpire) {  // P4, P10
  ASSERT_TRUE(Register("0000003", "シオリ ハナコ", "06-0000-0003", "first1", "first@example.jp").ok());
  const std::string first = TokenFromOutbox("registration_confirm", "first@example.jp");
  ASSERT_TRUE(Register("0000003", "シオリ ハナコ", "06-0000-0003", "second2", "second@example.jp").ok());
  const std::string second = TokenFromOutbox("registration_confirm", "second@example.jp");
  ASSERT_FALSE(first.empty());
  ASSERT_FALSE(second.empty());
  EXPECT_EQ(ErrorReason(Confirm(first)), "CONFIRMATION_INVALID");

  AdvanceClock("24h");  // exactly the expiry: no longer valid (P4 [default 24 h])
  EXPECT_EQ(ErrorReason(Confirm(second)), "CONFIRMATION_EXPIRED");
  EXPECT_EQ(ErrorReason(Login("0000003", "second2")), "INVALID_CREDENTIALS");
  // A refused link leaves a trace, as a failed login does (P10): someone trying tokens is seen.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'patron.confirm_registration.refused'"
                  " AND actor = 'anonymous' AND detail IN ('FAILED_PRECONDITION CONFIRMATION_INVALID',"
                  " 'FAILED_PRECONDITION CONFIRMATION_EXPIRED')"),
            2);

  ASSERT_TRUE(Register("0000003", "シオリ ハナコ", "06-0000-0003", "third3", "third@example.jp").ok());
  AdvanceClock("23h");
  ASSERT_TRUE(Confirm(TokenFromOutbox("registration_confirm", "third@example.jp")).ok());
  EXPECT_TRUE(Login("0000003", "third3").ok());
}

// P9, P8: five failures lock the account for 30 minutes with the same generic answer; another patron is not
// locked; staff reset the password and the patron registers again (P4).
TEST_F(AccountsTest, LockoutAndReset) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(ErrorReason(Login("0000001", "wrong1")), "INVALID_CREDENTIALS");
  EXPECT_EQ(ErrorReason(Login("0000001", "shiori01")), "INVALID_CREDENTIALS");  // locked
  EXPECT_TRUE(Login("0000004", "shiori04").ok());
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'lockout' AND actor = 'patron:0000001'"), 1);
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'login.refused_locked'"), 1);
  AdvanceClock("31m");
  EXPECT_TRUE(Login("0000001", "shiori01").ok());

  Client staff = Staff("s0001", "staff001");
  v1::ResetPasswordRequest reset;
  reset.set_name("patrons/0000001");
  auto done = staff.ResetPassword(reset);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_FALSE(done->password_registered());
  EXPECT_EQ(ErrorReason(Login("0000001", "shiori01")), "INVALID_CREDENTIALS");
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'patron.reset_password' AND actor = 'staff:s0001'"),
            1);
}

// P9 for a password change: wrong current passwords count towards the lockout like failed logins, and once it
// is locked the patron — whose session proves who they are — is told so, not that a right password is wrong.
TEST_F(AccountsTest, PasswordChangesLockLikeLogins) {  // P5, P9
  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok());
  v1::ChangePasswordRequest wrong;
  wrong.set_current_password("nope1234");
  wrong.set_new_password("Newpass1");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(ErrorReason(patron->ChangePassword(wrong).status()), "CURRENT_PASSWORD_WRONG");
  EXPECT_EQ(ErrorReason(patron->ChangePassword(wrong).status()), "PASSWORD_ATTEMPTS_LOCKED");  // the fifth
  v1::ChangePasswordRequest right = wrong;
  right.set_current_password("shiori01");
  auto locked = patron->ChangePassword(right);
  EXPECT_EQ(ErrorReason(locked.status()), "PASSWORD_ATTEMPTS_LOCKED");
  EXPECT_THAT(LocalizedMessage(locked.status()), ::testing::HasSubstr("あと30分間"));
  EXPECT_EQ(ErrorReason(Login("0000001", "shiori01")), "INVALID_CREDENTIALS");  // P8 at the login
  AdvanceClock("20m");  // what is left of the lock, not its whole length
  locked = patron->ChangePassword(right);
  EXPECT_EQ(ErrorReason(locked.status()), "PASSWORD_ATTEMPTS_LOCKED");
  EXPECT_THAT(LocalizedMessage(locked.status()), ::testing::HasSubstr("あと10分間"));
  EXPECT_EQ(ErrorMetadata(locked.status(), "minutes_left"), "10");
  AdvanceClock("11m");
  auto again = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->ChangePassword(right).ok());
}

// P9: a session ends after its idle timeout (internet 30 min) and at once on logout.
TEST_F(AccountsTest, SessionIdleExpiryAndLogout) {
  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok());
  ASSERT_TRUE(patron->GetProfile().ok());
  AdvanceClock("29m");
  ASSERT_TRUE(patron->GetProfile().ok());  // the call refreshes the session
  AdvanceClock("30m");
  EXPECT_EQ(ErrorReason(patron->GetProfile().status()), "SESSION_INVALID");

  auto again = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(again.ok());
  const std::string token = again->session_token();
  ASSERT_TRUE(again->Logout().ok());
  Client reused = server_->NewClient();
  reused.set_session_token(token);  // the ended session's token, sent again
  EXPECT_EQ(ErrorReason(reused.GetProfile().status()), "SESSION_INVALID");
}

// P5: the current password is needed; the change ends every other session and keeps this one.
TEST_F(AccountsTest, ChangePasswordEndsOtherSessions) {  // P5, P9
  auto here = server_->PatronClient("0000001", "shiori01");
  auto elsewhere = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(here.ok() && elsewhere.ok());
  // A third login, idled out long ago (P9): it had ended already, and is not counted as ended by the change.
  const std::string earlier = absl::StrCat("'", absl::StrJoin(Sql("SELECT token_hash FROM session"), "', '"), "'");
  ASSERT_TRUE(server_->PatronClient("0000001", "shiori01").ok());
  Sql("UPDATE session SET last_seen_at = last_seen_at - INTERVAL 2 HOUR WHERE token_hash NOT IN (" + earlier + ")");
  v1::ChangePasswordRequest wrong;
  wrong.set_current_password("nope1234");
  wrong.set_new_password("Newpass1");
  auto refused = here->ChangePassword(wrong);
  EXPECT_EQ(ErrorReason(refused.status()), "CURRENT_PASSWORD_WRONG");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);  // the session is fine
  EXPECT_TRUE(here->GetProfile().ok());
  v1::ChangePasswordRequest bad;
  bad.set_current_password("shiori01");
  bad.set_new_password("パスワード");
  EXPECT_EQ(ErrorReason(here->ChangePassword(bad).status()), "PASSWORD_NOT_HALF_WIDTH");

  v1::ChangePasswordRequest req;
  req.set_current_password("shiori01");
  req.set_new_password("Newpass1");
  auto changed = here->ChangePassword(req);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->ended_sessions(), 1);
  EXPECT_TRUE(here->GetProfile().ok());
  // The same change again (a retry whose answer was lost) is done, not refused for its old current password.
  auto retried = here->ChangePassword(req);
  EXPECT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(ErrorReason(elsewhere->GetProfile().status()), "SESSION_INVALID");
  EXPECT_EQ(ErrorReason(Login("0000001", "shiori01")), "INVALID_CREDENTIALS");
  EXPECT_TRUE(Login("0000001", "Newpass1").ok());
}

// P7, R10: two addresses at most, each confirmed by its own mail before use; the chosen one gets ready notices;
// telephone can be chosen instead.
TEST_F(AccountsTest, MailAddresses) {  // P7, R10, P10
  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok());
  v1::AddEmailAddressRequest add;
  add.set_address("one@example.jp");
  ASSERT_TRUE(patron->AddEmailAddress(add).ok());
  add.set_address("two@example.jp");
  auto two = patron->AddEmailAddress(add);
  ASSERT_TRUE(two.ok()) << two.status();
  EXPECT_EQ(two->email_addresses_size(), 2);
  add.set_address("three@example.jp");
  EXPECT_EQ(ErrorReason(patron->AddEmailAddress(add).status()), "EMAIL_LIMIT_REACHED");
  add.set_address("ｆｕｌｌ@example.jp");
  EXPECT_EQ(ErrorReason(patron->AddEmailAddress(add).status()), "INVALID_EMAIL_ADDRESS");

  v1::SetHoldNoticeRequest notify;
  notify.set_method(v1::EMAIL);
  notify.set_slot(2);
  EXPECT_EQ(ErrorReason(patron->SetHoldNotice(notify).status()), "EMAIL_NOT_CONFIRMED");

  Client anyone = server_->NewClient();
  v1::ConfirmEmailAddressRequest confirm;
  confirm.set_token(TokenFromOutbox("email_confirm", "two@example.jp"));
  auto confirmed = anyone.ConfirmEmailAddress(confirm);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status();
  EXPECT_EQ(confirmed->address(), "two@example.jp");
  EXPECT_EQ(ErrorReason(anyone.ConfirmEmailAddress(confirm).status()), "CONFIRMATION_INVALID");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'patron.email.confirm.refused'"), 1);

  auto profile = patron->SetHoldNotice(notify);
  ASSERT_TRUE(profile.ok()) << profile.status();
  EXPECT_EQ(profile->hold_notice(), v1::EMAIL);
  for (const auto& e : profile->email_addresses()) EXPECT_EQ(e.hold_notice(), e.slot() == 2) << e.address();

  notify.set_method(v1::TELEPHONE);
  profile = patron->SetHoldNotice(notify);
  ASSERT_TRUE(profile.ok());
  EXPECT_EQ(profile->hold_notice(), v1::TELEPHONE);

  v1::RemoveEmailAddressRequest remove;
  remove.set_slot(1);
  profile = patron->RemoveEmailAddress(remove);
  ASSERT_TRUE(profile.ok());
  EXPECT_EQ(profile->email_addresses_size(), 1);
}

// P7: removing the address hold notices go to passes them to the other confirmed address, which stays the
// choice when a new address is added and confirmed in the freed slot.
TEST_F(AccountsTest, RemovingTheChosenAddressKeepsTheNoticesOnTheOther) {  // P7
  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok());
  Client anyone = server_->NewClient();
  auto add_confirmed = [&](int slot, const std::string& address) {
    v1::AddEmailAddressRequest add;
    add.set_slot(slot);
    add.set_address(address);
    ASSERT_TRUE(patron->AddEmailAddress(add).ok());
    v1::ConfirmEmailAddressRequest confirm;
    confirm.set_token(TokenFromOutbox("email_confirm", address));
    ASSERT_TRUE(anyone.ConfirmEmailAddress(confirm).ok());
  };
  add_confirmed(1, "a@example.jp");
  add_confirmed(2, "b@example.jp");
  v1::SetHoldNoticeRequest notify;
  notify.set_method(v1::EMAIL);
  notify.set_slot(2);
  ASSERT_TRUE(patron->SetHoldNotice(notify).ok());
  // A ready mail to b@ waits in the outbox (the mail server is away).
  Sql("INSERT INTO reservation (patron_id, record_id, pickup_library, notify_method, channel, state, queue_number,"
      " created_at) SELECT id, (SELECT MIN(id) FROM record), 'main', 1, 1, 3, 1, NOW() FROM patron"
      " WHERE patron_number = '0000001'");
  Sql("INSERT INTO outbox (dedupe_key, kind, recipient, template, params, reservation_id, state, next_attempt_at,"
      " created_at) SELECT 'ready:test', 'hold_ready', 'b@example.jp', 'hold_ready', '{}', MAX(id), 1, NOW(), NOW()"
      " FROM reservation");
  v1::RemoveEmailAddressRequest remove;
  remove.set_slot(2);
  ASSERT_TRUE(patron->RemoveEmailAddress(remove).ok());
  // It goes to the address the notices go to now, never to the one taken back.
  EXPECT_EQ(One("SELECT recipient FROM outbox WHERE dedupe_key = 'ready:test'"), "a@example.jp");
  add_confirmed(2, "c@example.jp");
  auto profile = patron->GetProfile();
  ASSERT_TRUE(profile.ok()) << profile.status();
  EXPECT_EQ(profile->hold_notice(), v1::EMAIL);
  for (const auto& e : profile->email_addresses()) EXPECT_EQ(e.hold_notice(), e.slot() == 1) << e.address();
  // The last address removed: the waiting mail has nowhere to go and will fail visibly (R15).
  remove.set_slot(2);
  ASSERT_TRUE(patron->RemoveEmailAddress(remove).ok());
  remove.set_slot(1);
  ASSERT_TRUE(patron->RemoveEmailAddress(remove).ok());
  EXPECT_EQ(One("SELECT recipient FROM outbox WHERE dedupe_key = 'ready:test'"), "");
}

// P4, P7: a confirmation link that expired unused is shown as expired — the address waits for nothing — until
// the address is given again, which sends a new link.
TEST_F(AccountsTest, AnExpiredConfirmationLinkIsShownAsExpired) {  // P4, P7
  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok());
  v1::AddEmailAddressRequest add;
  add.set_address("late@example.jp");
  auto added = patron->AddEmailAddress(add);
  ASSERT_TRUE(added.ok()) << added.status();
  ASSERT_EQ(added->email_addresses_size(), 1);
  EXPECT_FALSE(added->email_addresses(0).confirmation_expired());
  AdvanceClock("24h");  // the link's whole life (P4 [default 24 h])
  patron = server_->PatronClient("0000001", "shiori01");  // the session idled out meanwhile
  ASSERT_TRUE(patron.ok());
  auto profile = patron->GetProfile();
  ASSERT_TRUE(profile.ok()) << profile.status();
  ASSERT_EQ(profile->email_addresses_size(), 1);
  EXPECT_FALSE(profile->email_addresses(0).confirmed());
  EXPECT_TRUE(profile->email_addresses(0).confirmation_expired());
  add.set_slot(profile->email_addresses(0).slot());
  auto again = patron->AddEmailAddress(add);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->email_addresses(0).confirmation_expired());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'email_confirm' AND recipient = 'late@example.jp'"), 2);
}

// P7: a confirmed address that the patron replaces stays in use — hold-ready mail goes on reaching them — until
// the new address is confirmed from the mail sent to it; giving the slot its own address again drops the change.
TEST_F(AccountsTest, AReplacedAddressServesUntilTheNewOneIsConfirmed) {  // P7
  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok());
  Client anyone = server_->NewClient();
  v1::AddEmailAddressRequest add;
  add.set_address("old@example.jp");
  ASSERT_TRUE(patron->AddEmailAddress(add).ok());
  v1::ConfirmEmailAddressRequest confirm;
  confirm.set_token(TokenFromOutbox("email_confirm", "old@example.jp"));
  ASSERT_TRUE(anyone.ConfirmEmailAddress(confirm).ok());  // the only confirmed address: the hold-notice one

  add.set_slot(1);
  add.set_address("new@example.jp");
  auto changed = patron->AddEmailAddress(add);
  ASSERT_TRUE(changed.ok()) << changed.status();
  ASSERT_EQ(changed->email_addresses_size(), 1);
  EXPECT_EQ(changed->email_addresses(0).address(), "old@example.jp");
  EXPECT_TRUE(changed->email_addresses(0).confirmed());
  EXPECT_TRUE(changed->email_addresses(0).hold_notice());
  EXPECT_EQ(changed->email_addresses(0).pending_address(), "new@example.jp");
  EXPECT_EQ(changed->hold_notice(), v1::EMAIL);

  // A ready mail written to the old address meanwhile and not sent yet follows the slot to the new one.
  Sql("INSERT INTO reservation (patron_id, record_id, pickup_library, notify_method, channel, state, queue_number,"
      " created_at) SELECT id, (SELECT MIN(id) FROM record), 'main', 1, 1, 3, 1, NOW() FROM patron"
      " WHERE patron_number = '0000001'");
  Sql("INSERT INTO outbox (dedupe_key, kind, recipient, template, params, reservation_id, state, next_attempt_at,"
      " created_at) SELECT 'ready:test', 'hold_ready', 'old@example.jp', 'hold_ready', '{}', MAX(id), 1, NOW(),"
      " NOW() FROM reservation");
  confirm.set_token(TokenFromOutbox("email_confirm", "new@example.jp"));
  auto confirmed = anyone.ConfirmEmailAddress(confirm);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status();
  EXPECT_EQ(confirmed->address(), "new@example.jp");
  EXPECT_EQ(One("SELECT recipient FROM outbox WHERE dedupe_key = 'ready:test'"), "new@example.jp");
  auto profile = patron->GetProfile();
  ASSERT_TRUE(profile.ok());
  ASSERT_EQ(profile->email_addresses_size(), 1);
  EXPECT_EQ(profile->email_addresses(0).address(), "new@example.jp");
  EXPECT_TRUE(profile->email_addresses(0).confirmed());
  EXPECT_TRUE(profile->email_addresses(0).hold_notice());
  EXPECT_EQ(profile->email_addresses(0).pending_address(), "");

  add.set_address("second-thoughts@example.jp");
  ASSERT_TRUE(patron->AddEmailAddress(add).ok());
  const std::string abandoned = TokenFromOutbox("email_confirm", "second-thoughts@example.jp");
  add.set_address("new@example.jp");  // the patron changes their mind: the slot's own address
  auto kept = patron->AddEmailAddress(add);
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_EQ(kept->email_addresses(0).address(), "new@example.jp");
  EXPECT_EQ(kept->email_addresses(0).pending_address(), "");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'email_confirm' AND recipient = 'new@example.jp'"), 1);
  confirm.set_token(abandoned);
  EXPECT_EQ(ErrorReason(anyone.ConfirmEmailAddress(confirm).status()), "CONFIRMATION_INVALID");
}

// P7: an address confirmation link expires too.
TEST_F(AccountsTest, MailConfirmationExpires) {
  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok());
  v1::AddEmailAddressRequest add;
  add.set_address("late@example.jp");
  ASSERT_TRUE(patron->AddEmailAddress(add).ok());
  AdvanceClock("25h");
  Client anyone = server_->NewClient();
  v1::ConfirmEmailAddressRequest confirm;
  confirm.set_token(TokenFromOutbox("email_confirm", "late@example.jp"));
  EXPECT_EQ(ErrorReason(anyone.ConfirmEmailAddress(confirm).status()), "CONFIRMATION_EXPIRED");
}

// P10: staff register a patron (the server issues the number), find, edit and read it; every action is audited
// and admins read the audit log.
TEST_F(AccountsTest, StaffPatronRecords) {  // P10, P4
  Client staff = Staff("s0002", "staff002");
  v1::CreatePatronRequest create;
  auto* p = create.mutable_patron();
  p->set_category(v1::WORKER);
  p->set_display_name("山田 花子");
  p->set_name_kana("ヤマダ ハナコ");
  p->set_address("中央区1-2-3");
  p->set_phone("06-1234-5678");
  p->set_home_library("libraries/branch");
  create.set_request_id("create-yamada");
  auto made = staff.CreatePatron(create);
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_EQ(made->patron_number().size(), 7u);
  EXPECT_GT(made->patron_number(), "0000005");
  EXPECT_FALSE(made->password_registered());
  auto retried = staff.CreatePatron(create);  // the same request_id: the same patron, no second number
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->patron_number(), made->patron_number());
  v1::CreatePatronRequest someone_else = create;  // the id with another person's record is another call
  someone_else.mutable_patron()->set_display_name("山田 太郎");
  EXPECT_EQ(ErrorReason(staff.CreatePatron(someone_else).status()), "REQUEST_ID_REUSED");
  // Longer than its column keeps: named, in a preview as in the call, never a database error.
  v1::CreatePatronRequest long_name = create;
  long_name.set_request_id("create-long");
  std::string name;
  for (int i = 0; i < 201; ++i) name += "山";
  long_name.mutable_patron()->set_display_name(name);
  for (bool preview : {true, false}) {
    long_name.set_validate_only(preview);
    auto refused = staff.CreatePatron(long_name);
    EXPECT_EQ(ErrorReason(refused.status()), "INVALID_PATRON_RECORD") << refused.status();
    const auto violations = FieldViolations(refused.status());
    ASSERT_EQ(violations.size(), 1u) << refused.status();
    EXPECT_EQ(violations[0].field, "display_name");
  }

  v1::CreatePatronRequest empty;
  auto refused = staff.CreatePatron(empty);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_GE(FieldViolations(refused.status()).size(), 3u);

  v1::SearchPatronsRequest find;
  find.set_query("やまだ");  // hiragana finds the katakana record
  auto found = staff.SearchPatrons(find);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->patrons_size(), 1);
  EXPECT_EQ(found->patrons(0).patron_number(), made->patron_number());
  find.set_query("山田");
  EXPECT_EQ(staff.SearchPatrons(find)->patrons_size(), 1);
  find.set_query(made->patron_number());
  EXPECT_EQ(staff.SearchPatrons(find)->patrons_size(), 1);
  find.set_page_token("junk");  // a page token is a patron number this list gave
  EXPECT_EQ(ErrorReason(staff.SearchPatrons(find).status()), "INVALID_PAGE_TOKEN");

  v1::UpdatePatronRequest update;
  update.mutable_patron()->set_name(made->name());
  update.mutable_patron()->set_category(v1::WIDE_AREA);
  update.mutable_update_mask()->add_paths("category");
  auto updated = staff.UpdatePatron(update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->category(), v1::WIDE_AREA);
  EXPECT_EQ(updated->display_name(), "山田 花子");

  // A patron sees nothing of the desk.
  auto patron = server_->PatronClient("0000001", "shiori01");
  ASSERT_TRUE(patron.ok());
  v1::GetPatronRequest get;
  get.set_name(made->name());
  EXPECT_EQ(patron->GetPatron(get).status().code(), absl::StatusCode::kPermissionDenied);
  // A name that is no patron number is refused naming the request's field (P3).
  get.set_name("patrons/abc");
  auto bad_name = staff.GetPatron(get);
  EXPECT_EQ(ErrorReason(bad_name.status()), "INVALID_PATRON_NUMBER");
  ASSERT_EQ(FieldViolations(bad_name.status()).size(), 1u);
  EXPECT_EQ(FieldViolations(bad_name.status())[0].field, "name");

  Client admin = Staff("a0001", "admin001");
  v1::ListAuditLogRequest junk;  // a page token this list did not make (P10)
  for (const char* token : {"0", "-1", "abc", "+5"}) {
    junk.set_page_token(token);
    EXPECT_EQ(ErrorReason(admin.ListAuditLog(junk).status()), "INVALID_PAGE_TOKEN") << token;
  }
  v1::ListAuditLogRequest audit;
  audit.set_actor("staff:s0002");
  auto log = admin.ListAuditLog(audit);
  ASSERT_TRUE(log.ok()) << log.status();
  bool created = false;
  for (const auto& e : log->entries()) created |= e.action() == "patron.create" && e.target() == made->name();
  EXPECT_TRUE(created);
  EXPECT_EQ(staff.ListAuditLog(audit).status().code(), absl::StatusCode::kPermissionDenied);
  // The filters are exact: trailing spaces are no other name for an actor, and only spaces are no filter.
  for (const char* near : {"staff:s0002   ", "   "}) {
    audit.set_actor(near);
    auto none = admin.ListAuditLog(audit);
    ASSERT_TRUE(none.ok()) << none.status();
    EXPECT_EQ(none->entries_size(), 0) << "'" << near << "'";
  }
}

// P2, R6: a wide-area patron may log in and use the account but not place a reservation; R13, R14: one who
// became wide-area still sees and may cancel the reservations made before.
TEST_F(AccountsTest, WideAreaPatronCannotPlaceReservations) {
  auto wide = server_->PatronClient("0000002", "shiori02");
  ASSERT_TRUE(wide.ok());
  EXPECT_TRUE(wide->GetProfile().ok());
  v1::PlaceReservationRequest place;
  place.set_record("records/1");
  place.set_pickup_library("libraries/main");
  place.set_notify_method(v1::TELEPHONE);
  EXPECT_EQ(ErrorReason(wide->PlaceReservation(place).status()), "WIDE_AREA_PATRON_CANNOT_RESERVE");
  EXPECT_TRUE(wide->ListLoans().ok());  // P2: loans (and renewals) stay open to them
  // The title says so to them before they try; to a resident it is reservable.
  v1::GetRecordRequest get;
  get.set_name("records/1");
  auto seen = wide->GetRecord(get);
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_FALSE(seen->reservable());
  EXPECT_EQ(seen->not_reservable_reason(), "WIDE_AREA_PATRON_CANNOT_RESERVE");

  auto resident = server_->PatronClient("0000005", "shiori05");
  ASSERT_TRUE(resident.ok());
  seen = resident->GetRecord(get);
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_TRUE(seen->reservable());
  EXPECT_EQ(seen->not_reservable_reason(), "");
  auto placed = resident->PlaceReservation(place);
  ASSERT_TRUE(placed.ok()) << placed.status();
  Client staff = Staff("s0001", "staff001");
  v1::SetPatronCategoryRequest move;
  move.set_name("patrons/0000005");
  move.set_category(v1::WIDE_AREA);
  ASSERT_TRUE(staff.SetPatronCategory(move).ok());
  auto moved = server_->PatronClient("0000005", "shiori05");
  ASSERT_TRUE(moved.ok());
  place.set_record("records/2");
  EXPECT_EQ(ErrorReason(moved->PlaceReservation(place).status()), "WIDE_AREA_PATRON_CANNOT_RESERVE");
  auto listed = moved->ListReservations();
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->reservations_size(), 1);
  EXPECT_EQ(listed->reservations(0).name(), placed->name());
  v1::CancelReservationRequest cancel;
  cancel.set_name(placed->name());
  auto cancelled = moved->CancelReservation(cancel);
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(cancelled->state(), v1::CANCELLED);
  EXPECT_FALSE(cancelled->title().empty());
}

// P10: a service account by API key gets only its scopes; its calls are audited.
TEST_F(AccountsTest, ServiceAccountScopes) {
  std::string out;
  // A name as long as allowed (64): the audit log names the account whole (P10 "who").
  const std::string name = "resident-registry" + std::string(64 - 17, 'x');
  ASSERT_TRUE(RunAdmin(database_, {"service-account", "add", name, "--scopes", "patrons.read"}, &out).ok()) << out;
  auto at = out.find("x-api-key): ");
  ASSERT_NE(at, std::string::npos) << out;
  const std::string key(absl::StripAsciiWhitespace(out.substr(at + 12, out.find('\n', at) - at - 12)));
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM service_account WHERE api_key_hash = '", key, "'")), 0);

  ClientOptions options;
  options.server_address = server_->address();
  options.api_key = key;
  auto service = Client::Connect(options);
  ASSERT_TRUE(service.ok());
  v1::GetPatronRequest get;
  get.set_name("patrons/0000001");
  auto read = service->GetPatron(get);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->display_name().empty(), false);
  v1::SetPatronCategoryRequest move;
  move.set_name("patrons/0000001");
  move.set_category(v1::WIDE_AREA);
  EXPECT_EQ(ErrorReason(service->SetPatronCategory(move).status()), "SCOPE_MISSING");
  v1::CreatePatronRequest create;
  EXPECT_EQ(ErrorReason(service->CreatePatron(create).status()), "PERMISSION_DENIED");
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE actor = 'service:" + name + "'"), 3);

  options.api_key = "not-a-key";
  auto stranger = Client::Connect(options);
  ASSERT_TRUE(stranger.ok());
  EXPECT_EQ(ErrorReason(stranger->GetPatron(get).status()), "API_KEY_INVALID");
}

}  // namespace
}  // namespace shiori::testing
