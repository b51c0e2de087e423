// See call_policy.h.
#include "call_policy.h"

#include <cstdint>

#include <google/protobuf/descriptor.h>

#include "absl/random/random.h"
#include "absl/strings/str_format.h"

namespace shiori::internal {
namespace {

const google::protobuf::FieldDescriptor* RequestIdField(const google::protobuf::Message& request) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->is_repeated() ||
      field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return nullptr;
  }
  return field;
}

}  // namespace

bool HasRequestId(const google::protobuf::Message& request) { return RequestIdField(request) != nullptr; }

bool IsIdempotent(CallKind kind, const google::protobuf::Message& request) {
  return kind == CallKind::kRead || HasRequestId(request);
}

std::string EnsureRequestId(google::protobuf::Message& request) {
  const auto* field = RequestIdField(request);
  if (field == nullptr) return "";
  const auto* reflection = request.GetReflection();
  std::string id = reflection->GetString(request, field);
  if (id.empty()) {
    id = NewUuidV4();
    reflection->SetString(&request, field, id);
  }
  return id;
}

std::string NewUuidV4() {
  // One generator per thread: absl::BitGen is seeded from the OS and is not thread-safe.
  thread_local absl::BitGen gen;
  uint64_t hi = absl::Uniform<uint64_t>(gen);
  uint64_t lo = absl::Uniform<uint64_t>(gen);
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 10xx (RFC 4122)
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", hi >> 32, (hi >> 16) & 0xffff, hi & 0xffff, lo >> 48,
                         lo & 0xffffffffffffULL);
}

}  // namespace shiori::internal
