// Reading and checking the policy config (config/policy.textproto, message shiori.v1.Policy).
// Pure: takes the file's text; the caller reads the file.
#ifndef SHIORI_SERVER_POLICY_POLICY_CONFIG_H_
#define SHIORI_SERVER_POLICY_POLICY_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "shiori/v1/policy.pb.h"

namespace shiori::policy {

// Parses and validates. On a syntax error or an unknown field: INVALID_ARGUMENT (reason POLICY_INVALID) whose
// message names `file:line:column` and the field; on a bad value (a negative period, a material type
// missing or listed twice, a loan limit group that does not exist) the same reason naming the field path.
absl::StatusOr<v1::Policy> ParsePolicy(absl::string_view text, absl::string_view file_name = "policy.textproto");

// The entry of a material type; nullptr when the policy has none (ParsePolicy guarantees every type has one).
const v1::MaterialTypePolicy* FindMaterialType(const v1::Policy& policy, v1::MaterialType type);

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_POLICY_CONFIG_H_
