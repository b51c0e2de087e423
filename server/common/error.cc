// See error.h.
#include "server/common/error.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "server/common/utf8_chars.h"

namespace shiori {

Error::Error(absl::StatusCode code, std::string reason, std::string message_ja)
    : code_(code), reason_(std::move(reason)), message_ja_(std::move(message_ja)) {}

Error& Error::Rule(absl::string_view rule_id) { return Meta("rule", std::string(rule_id)); }

Error& Error::Meta(std::string key, std::string value) {
  metadata_.emplace_back(std::move(key), std::move(value));
  return *this;
}

Error& Error::Field(std::string field, std::string description) {
  fields_.emplace_back(std::move(field), std::move(description));
  return *this;
}

Error& Error::English(std::string message) {
  message_en_ = std::move(message);
  return *this;
}

absl::Status Error::status() const {
  absl::Status s(code_, message_en_.empty() ? reason_ : absl::StrCat(reason_, ": ", message_en_));
  google::rpc::ErrorInfo info;
  info.set_reason(reason_);
  info.set_domain(std::string(kErrorDomain));
  for (const auto& [k, v] : metadata_) (*info.mutable_metadata())[k] = v;
  s.SetPayload(kErrorInfoUrl, absl::Cord(info.SerializeAsString()));
  if (!fields_.empty()) {
    google::rpc::BadRequest bad;
    for (const auto& [f, d] : fields_) {
      auto* v = bad.add_field_violations();
      v->set_field(f);
      v->set_description(d);
    }
    s.SetPayload(kBadRequestUrl, absl::Cord(bad.SerializeAsString()));
  }
  if (!message_ja_.empty()) {
    google::rpc::LocalizedMessage msg;
    msg.set_locale("ja-JP");
    msg.set_message(message_ja_);
    s.SetPayload(kLocalizedMessageUrl, absl::Cord(msg.SerializeAsString()));
  }
  return s;
}

Error InvalidField(absl::string_view field, absl::string_view description, absl::string_view reason) {
  return std::move(Error(absl::StatusCode::kInvalidArgument, std::string(reason),
               absl::StrCat("入力に誤りがあります: ", field))
                             .Field(std::string(field), std::string(description))
                             .English(absl::StrCat(field, ": ", description)));
}

absl::Status CheckLength(absl::string_view field, absl::string_view value, size_t max_chars) {
  if (CharacterCount(value) <= max_chars) return absl::OkStatus();
  return InvalidField(field, absl::StrCat("at most ", max_chars, " characters"), "TEXT_TOO_LONG");
}

absl::Status NotFoundError(absl::string_view what, absl::string_view name) {
  return Error(absl::StatusCode::kNotFound, "NOT_FOUND", absl::StrCat("見つかりません: ", name))
      .Meta("resource", std::string(what))
      .English(absl::StrCat(what, " not found: ", name));
}

namespace {
bool InfoOf(const absl::Status& status, google::rpc::ErrorInfo* info) {
  auto payload = status.GetPayload(kErrorInfoUrl);
  return payload.has_value() && info->ParseFromString(std::string(*payload));
}
}  // namespace

std::string ReasonOf(const absl::Status& status) {
  google::rpc::ErrorInfo info;
  return InfoOf(status, &info) ? info.reason() : "";
}

std::string MetadataOf(const absl::Status& status, absl::string_view key) {
  google::rpc::ErrorInfo info;
  if (!InfoOf(status, &info)) return "";
  auto it = info.metadata().find(std::string(key));
  return it == info.metadata().end() ? "" : it->second;
}

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  auto payload = status.GetPayload(kBadRequestUrl);
  google::rpc::BadRequest bad;
  if (payload.has_value() && bad.ParseFromString(std::string(*payload))) {
    for (const auto& v : bad.field_violations()) fields.push_back(v.field());
  }
  return fields;
}

absl::Status RenameField(absl::Status status, absl::string_view from, absl::string_view to) {
  auto payload = status.GetPayload(kBadRequestUrl);
  if (!payload.has_value()) return status;
  google::rpc::BadRequest bad;
  if (!bad.ParseFromString(std::string(*payload))) return status;
  for (auto& v : *bad.mutable_field_violations()) {
    if (v.field() == from) v.set_field(std::string(to));
  }
  status.SetPayload(kBadRequestUrl, absl::Cord(bad.SerializeAsString()));
  return status;
}

}  // namespace shiori
