// See patron_service.h.
#include "server/api/patron_service.h"

#include "server/api/account_mapping.h"
#include "server/api/call_guard.h"
#include "server/api/proto_mapping.h"
#include "server/app/loans.h"
#include "server/app/mail_addresses.h"
#include "server/app/password_registration.h"
#include "server/app/patron_profile.h"
#include "server/app/sessions.h"

namespace shiori::api {
namespace {

constexpr char kService[] = "/shiori.v1.PatronService/";

std::string Method(const char* name) { return std::string(kService) + name; }

// The caller's profile after a change, as the change's answer.
absl::Status FillProfile(const app::ServiceContext& ctx, const app::Caller& caller, v1::Profile* resp) {
  auto profile = app::GetProfile(ctx, caller);
  if (!profile.ok()) return profile.status();
  ToProfile(*profile, resp);
  return absl::OkStatus();
}

}  // namespace

grpc::Status PatronService::Login(grpc::ServerContext* call, const v1::LoginRequest* req, v1::LoginResponse* resp) {
  return CallGuard(ctx_, call, Method("Login"), *req, [&](const app::Caller& caller) -> absl::Status {
    auto result = app::PatronLogin(ctx_, req->patron_number(), req->password(), req->channel(), caller.peer);
    if (!result.ok()) return result.status();
    resp->set_session_token(result->token);
    ToPatron(result->patron, resp->mutable_patron());
    resp->set_idle_timeout_seconds(result->idle_timeout_seconds);
    return absl::OkStatus();
  });
}

grpc::Status PatronService::Logout(grpc::ServerContext* call, const v1::LogoutRequest* req, v1::LogoutResponse*) {
  return CallGuard(ctx_, call, Method("Logout"), *req, [&](const app::Caller& caller) { return app::Logout(ctx_, caller); });
}

grpc::Status PatronService::RegisterPassword(grpc::ServerContext* call, const v1::RegisterPasswordRequest* req,
                                             v1::RegisterPasswordResponse* resp) {
  return CallGuard(ctx_, call, Method("RegisterPassword"), *req, [&](const app::Caller& caller) -> absl::Status {
    app::RegistrationRequest r{req->patron_number(), req->name_kana(), req->phone(), req->password(), req->email(),
                               req->request_id()};
    auto reply = app::RegisterPassword(ctx_, caller, r);
    if (!reply.ok()) return reply.status();
    resp->set_message(reply->message);
    resp->set_expires_in_hours(reply->expires_in_hours);
    return absl::OkStatus();
  });
}

grpc::Status PatronService::ConfirmRegistration(grpc::ServerContext* call, const v1::ConfirmRegistrationRequest* req,
                                                v1::ConfirmRegistrationResponse* resp) {
  return CallGuard(ctx_, call, Method("ConfirmRegistration"), *req, [&](const app::Caller& caller) -> absl::Status {
    auto done = app::ConfirmRegistration(ctx_, caller, req->token());
    if (!done.ok()) return done.status();
    resp->set_patron_number(done->patron_number);
    resp->set_email_slot(done->email.slot);
    resp->set_replaced_address(done->email.replaced);
    return absl::OkStatus();
  });
}

grpc::Status PatronService::ChangePassword(grpc::ServerContext* call, const v1::ChangePasswordRequest* req,
                                           v1::ChangePasswordResponse* resp) {
  return CallGuard(ctx_, call, Method("ChangePassword"), *req, [&](const app::Caller& caller) -> absl::Status {
    auto ended = app::ChangePassword(ctx_, caller, req->current_password(), req->new_password());
    if (!ended.ok()) return ended.status();
    resp->set_ended_sessions(*ended);
    return absl::OkStatus();
  });
}

grpc::Status PatronService::GetProfile(grpc::ServerContext* call, const v1::GetProfileRequest* req, v1::Profile* resp) {
  return CallGuard(ctx_, call, Method("GetProfile"), *req,
                   [&](const app::Caller& caller) { return FillProfile(ctx_, caller, resp); });
}

grpc::Status PatronService::UpdateProfile(grpc::ServerContext* call, const v1::UpdateProfileRequest* req,
                                          v1::Profile* resp) {
  return CallGuard(ctx_, call, Method("UpdateProfile"), *req, [&](const app::Caller& caller) -> absl::Status {
    if (req->has_reading_history()) {
      // B6: the same switch as LoanService.SetReadingHistory.
      if (auto s = app::SetReadingHistory(ctx_, caller, req->reading_history()); !s.ok()) return s.status();
    }
    return FillProfile(ctx_, caller, resp);
  });
}

grpc::Status PatronService::AddEmailAddress(grpc::ServerContext* call, const v1::AddEmailAddressRequest* req,
                                            v1::Profile* resp) {
  return CallGuard(ctx_, call, Method("AddEmailAddress"), *req, [&](const app::Caller& caller) -> absl::Status {
    if (absl::Status s = app::AddEmailAddress(ctx_, caller, req->address(), req->slot(), req->request_id()); !s.ok()) return s;
    return FillProfile(ctx_, caller, resp);
  });
}

grpc::Status PatronService::RemoveEmailAddress(grpc::ServerContext* call, const v1::RemoveEmailAddressRequest* req,
                                               v1::Profile* resp) {
  return CallGuard(ctx_, call, Method("RemoveEmailAddress"), *req, [&](const app::Caller& caller) -> absl::Status {
    if (absl::Status s = app::RemoveEmailAddress(ctx_, caller, req->slot()); !s.ok()) return s;
    return FillProfile(ctx_, caller, resp);
  });
}

grpc::Status PatronService::ConfirmEmailAddress(grpc::ServerContext* call, const v1::ConfirmEmailAddressRequest* req,
                                                v1::ConfirmEmailAddressResponse* resp) {
  return CallGuard(ctx_, call, Method("ConfirmEmailAddress"), *req, [&](const app::Caller& caller) -> absl::Status {
    auto address = app::ConfirmEmailAddress(ctx_, caller, req->token());
    if (!address.ok()) return address.status();
    resp->set_address(*address);
    return absl::OkStatus();
  });
}

grpc::Status PatronService::SetHoldNotice(grpc::ServerContext* call, const v1::SetHoldNoticeRequest* req,
                                          v1::Profile* resp) {
  return CallGuard(ctx_, call, Method("SetHoldNotice"), *req, [&](const app::Caller& caller) -> absl::Status {
    if (absl::Status s = app::SetHoldNotice(ctx_, caller, req->method(), req->slot()); !s.ok()) return s;
    return FillProfile(ctx_, caller, resp);
  });
}

}  // namespace shiori::api
