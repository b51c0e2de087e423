// Which calls may be repeated safely, and the request_id that makes a mutation repeatable (AIP-155).
// The rule is generic over request messages so that RPCs added later follow it without a new table: a read is
// idempotent; a mutation is idempotent exactly when its request message has a string field `request_id`.
#ifndef SHIORI_SDK_SRC_CALL_POLICY_H_
#define SHIORI_SDK_SRC_CALL_POLICY_H_

#include <string>

#include <google/protobuf/message.h>

namespace shiori::internal {

enum class CallKind { kRead, kMutation };

// True when the request has a string field named request_id.
bool HasRequestId(const google::protobuf::Message& request);

// Reads, and mutations with a request_id field.
bool IsIdempotent(CallKind kind, const google::protobuf::Message& request);

// Sets request_id to a fresh UUID v4 when the field exists and is empty. Returns the id the request now
// carries ("" when it has no such field).
std::string EnsureRequestId(google::protobuf::Message& request);

// A random (version 4) UUID in its canonical lower-case form, e.g. "3f2b8c1e-5d4a-4b7e-9c2d-0a1b2c3d4e5f".
std::string NewUuidV4();

}  // namespace shiori::internal

#endif  // SHIORI_SDK_SRC_CALL_POLICY_H_
