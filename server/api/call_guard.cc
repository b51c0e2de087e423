// See call_guard.h.
#include "server/api/call_guard.h"

#include <grpcpp/security/auth_context.h>

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/api/access_table.h"
#include "server/api/status_mapping.h"
#include "server/app/audit_trail.h"
#include "server/app/request_ids.h"
#include "server/app/service_accounts.h"
#include "server/app/sessions.h"
#include "server/common/error.h"
#include "server/common/utf8_chars.h"
#include "server/policy/barcode.h"

namespace shiori::api {
namespace {

std::string Metadata(const grpc::ServerContext* call, const char* key) {
  const auto& md = call->client_metadata();
  auto it = md.find(key);
  if (it == md.end()) return "";
  return std::string(absl::StripAsciiWhitespace(absl::string_view(it->second.data(), it->second.size())));
}

// What a refused request named, as it may be shown on an admin's screen: its control characters (refused in the
// call, CONTROL_CHARACTER, but logged as sent) written as \xHH, so that the log cannot drive a terminal, and a
// backslash as \\, so that a typed "\x1b" is not read as one.
std::string Shown(absl::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t n = ControlCharacterAt(text, i);
    if (text[i] == '\\') {
      out.append("\\\\");
      continue;
    }
    if (n == 0) {
      out.push_back(text[i]);
      continue;
    }
    for (size_t k = 0; k < n; ++k) {
      absl::StrAppend(&out, "\\x", absl::Hex(static_cast<unsigned char>(text[i + k]), absl::kZeroPad2));
    }
    i += n - 1;
  }
  return out;
}

// A resource named by its bare id ("671", which the API accepts as "records/671") gets its collection, so that
// an entry is found by the name the others are logged under. The collection of a `name` is its request's.
std::string FullResourceName(const google::protobuf::Message& request, absl::string_view field, std::string value) {
  if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return absl::ascii_isdigit(c); })) {
    return value;
  }
  static const auto* const kCollections = new std::map<std::string, std::string>{
      {"record", "records"},
      {"reservation", "reservations"},
      {"loan", "loans"},
      {"shiori.v1.GetRecordRequest.name", "records"},
      {"shiori.v1.RenewLoanRequest.name", "loans"},
      {"shiori.v1.CancelReservationRequest.name", "reservations"},
      {"shiori.v1.MarkCalledRequest.name", "reservations"},
  };
  auto it = kCollections->find(field == "name" ? absl::StrCat(request.GetDescriptor()->full_name(), ".name")
                                               : std::string(field));
  return it == kCollections->end() ? value : absl::StrCat(it->second, "/", value);
}

std::string AuditTarget(const google::protobuf::Message* request) {
  if (request == nullptr) return "";
  const auto* descriptor = request->GetDescriptor();
  const auto* reflection = request->GetReflection();
  // A desk's scan is about the copy, whatever else the request names: `copies/BARCODE` as the use case logs it
  // (normalised as the call reads it, B4/R9), also when it is refused, missing or no barcode — never the borrower.
  if (const auto* barcode = descriptor->FindFieldByName("barcode");
      barcode != nullptr && !barcode->is_repeated() && barcode->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
    const std::string typed = reflection->GetString(*request, barcode);
    if (IsBlankText(typed)) return "copies/";
    auto normal = policy::NormalizeBarcode(typed, "");
    return absl::StrCat("copies/", normal.ok() ? *normal : typed);
  }
  for (const char* name : {"name", "patron", "record", "reservation", "loan", "patron_number"}) {
    const auto* field = descriptor->FindFieldByName(name);
    if (field == nullptr || field->is_repeated()) continue;
    if (field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
      std::string value = reflection->GetString(*request, field);
      if (!value.empty()) return FullResourceName(*request, name, std::move(value));
    } else if (field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE && reflection->HasField(*request, field)) {
      std::string inner = AuditTarget(&reflection->GetMessage(*request, field));
      if (!inner.empty()) return inner;
    }
  }
  return "";
}

// P10: every staff, admin and service call is logged, whatever its outcome, after it ran. (Use cases that
// change patrons also write their own entry, in their transaction, with what changed; for the desk's scans,
// Access::audits_itself, that entry is the log of a successful call.)
void AuditCall(const app::ServiceContext& ctx, const app::Caller& caller, absl::string_view full_method,
               const google::protobuf::Message* request, const absl::Status& outcome) {
  if (caller.kind != app::Caller::Kind::kStaff && caller.kind != app::Caller::Kind::kService) return;
  const std::string detail = app::OutcomeDetail(outcome);
  // One row: an autocommit INSERT is atomic, and a transaction around it would cost two more round trips.
  absl::Status logged = ctx.db->WithConnection([&](store::Tx& tx) {
    return app::Audit(tx, caller, std::string(full_method), Shown(AuditTarget(request)), detail, ctx.clock->Now());
  });
  (void)logged;  // an audit write that fails must not turn a done change into an error
}

// The request's `request_id`, when its message has one (every mutating call), checked the same way for all:
// a use case that keeps the id and one whose change is the same when repeated alike (AIP-155).
absl::Status CheckRequestIdOf(const google::protobuf::Message* request) {
  if (request == nullptr) return absl::OkStatus();
  const auto* field = request->GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->type() != google::protobuf::FieldDescriptor::TYPE_STRING || field->is_repeated()) {
    return absl::OkStatus();
  }
  return app::CheckRequestId(request->GetReflection()->GetString(*request, field));
}

// Every text field of the request, nested messages too: a control character (NUL, ESC, …; tabs and line breaks
// are text) is refused naming the field — stored, it would reach mail, screens and other systems meaning nothing.
absl::Status CheckControlCharacters(const google::protobuf::Message& message, const std::string& prefix) {
  const auto* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const auto* field : fields) {
    const std::string name = prefix + field->name();
    const int n = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < n; ++i) {
      if (field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
        std::string scratch;
        const std::string& text = field->is_repeated()
                                      ? reflection->GetRepeatedStringReference(message, field, i, &scratch)
                                      : reflection->GetStringReference(message, field, &scratch);
        if (HasControlCharacter(text)) {
          return Error(absl::StatusCode::kInvalidArgument, "CONTROL_CHARACTER",
                       absl::StrCat("制御文字は使えません: ", name))
              .Field(name, "control characters (NUL, ESC, …) are not text")
              .English(absl::StrCat(name, ": control characters (NUL, ESC, …) are not text"));
        }
      } else if (field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
        const auto& inner = field->is_repeated() ? reflection->GetRepeatedMessage(message, field, i)
                                                 : reflection->GetMessage(message, field);
        if (absl::Status s = CheckControlCharacters(inner, name + "."); !s.ok()) return s;
      }
    }
  }
  return absl::OkStatus();
}

// The use case; no exception leaves a handler (gRPC would answer UNKNOWN with nothing said): one that escapes the
// layers below, which never throw on purpose, is INTERNAL.
absl::Status RunBody(const std::function<absl::Status(const app::Caller&)>& body, const app::Caller& caller) {
  try {
    return body(caller);
  } catch (const std::exception& e) {
    return Error(absl::StatusCode::kInternal, "INTERNAL_ERROR", "システムエラーが発生しました").English(e.what());
  }
}

grpc::Status Guard(const app::ServiceContext& ctx, grpc::ServerContext* call, absl::string_view full_method,
                   const google::protobuf::Message* request,
                   const std::function<absl::Status(const app::Caller&)>& body) {
  auto caller = ResolveCaller(ctx, call, full_method);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::Status allowed = Authorize(*caller, full_method);
  if (allowed.ok()) allowed = RefuseBarredReservationCaller(*caller, full_method, ctx.policy);
  if (!allowed.ok()) {
    AuditCall(ctx, *caller, full_method, request, allowed);
    return ToGrpcStatus(allowed);
  }
  absl::Status outcome = CheckRequestIdOf(request);
  if (outcome.ok() && request != nullptr) outcome = CheckControlCharacters(*request, "");
  if (outcome.ok()) outcome = RunBody(body, *caller);
  if (!outcome.ok() || !AuditsItself(full_method)) AuditCall(ctx, *caller, full_method, request, outcome);
  return ToGrpcStatus(outcome);
}

}  // namespace

std::string BearerToken(const grpc::ServerContext* call) {
  std::string v = Metadata(call, "authorization");
  if (v.size() > 7 && absl::EqualsIgnoreCase(v.substr(0, 7), "bearer ")) {
    return std::string(absl::StripAsciiWhitespace(v.substr(7)));
  }
  return "";
}

std::string ApiKey(const grpc::ServerContext* call) { return Metadata(call, "x-api-key"); }

std::string ClientCertificateCommonName(const grpc::ServerContext* call) {
  std::shared_ptr<const grpc::AuthContext> auth = call->auth_context();
  if (auth == nullptr || !auth->IsPeerAuthenticated()) return "";
  std::vector<grpc::string_ref> names = auth->FindPropertyValues("x509_common_name");
  if (names.empty()) return "";
  return std::string(names.front().data(), names.front().size());
}

absl::StatusOr<app::Caller> ResolveCaller(const app::ServiceContext& ctx, grpc::ServerContext* call,
                                          absl::string_view full_method) {
  app::Caller caller;
  const std::string peer = call->peer();
  // One set of credentials a call: with two (two tokens, or a token and a key) whose would it be?
  const auto& md = call->client_metadata();
  if (md.count("authorization") + md.count("x-api-key") > 1) {
    return Error(absl::StatusCode::kUnauthenticated, "CREDENTIALS_AMBIGUOUS", "認証情報が複数送られています")
        .Rule("P10")
        .English("send one authorization header or one x-api-key, not more");
  }
  if (std::string key = ApiKey(call); !key.empty()) {
    auto service = app::AuthenticateApiKey(*ctx.db, key);
    if (!service.ok()) return service.status();
    caller = *std::move(service);
    caller.peer = peer;
    return caller;
  }
  if (std::string token = BearerToken(call); !token.empty()) {
    auto resolved = app::Authenticate(ctx, token);
    if (resolved.ok()) {
      caller = *std::move(resolved);
      caller.peer = peer;
      return caller;
    }
    // A stale token on an open method is just an anonymous call; anything else reports the session problem.
    const auto& table = AccessTable();
    auto it = table.find(full_method);
    bool open = it != table.end() && it->second.anonymous;
    if (!open || resolved.status().code() != absl::StatusCode::kUnauthenticated) return resolved.status();
  } else if (std::string cn = ClientCertificateCommonName(call); !cn.empty()) {
    auto service = app::AuthenticateCertificate(*ctx.db, cn);
    if (!service.ok()) return service.status();
    if (service->has_value()) caller = **service;
  }
  caller.peer = peer;
  return caller;
}

grpc::Status CallGuard(const app::ServiceContext& ctx, grpc::ServerContext* call, absl::string_view full_method,
                       const std::function<absl::Status(const app::Caller&)>& body) {
  return Guard(ctx, call, full_method, nullptr, body);
}

grpc::Status CallGuard(const app::ServiceContext& ctx, grpc::ServerContext* call, absl::string_view full_method,
                       const google::protobuf::Message& request,
                       const std::function<absl::Status(const app::Caller&)>& body) {
  return Guard(ctx, call, full_method, &request, body);
}

}  // namespace shiori::api
