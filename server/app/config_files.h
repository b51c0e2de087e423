// Reading the configuration files a program starts with (config/policy.textproto …).
#ifndef SHIORI_SERVER_APP_CONFIG_FILES_H_
#define SHIORI_SERVER_APP_CONFIG_FILES_H_

#include <string>

#include "absl/status/statusor.h"
#include "shiori/v1/policy.pb.h"

namespace shiori::app {

// The default config folder of this build (the repository's config/).
std::string DefaultConfigDir();

absl::StatusOr<std::string> ReadTextFile(const std::string& path);
// Reads and validates a policy file; errors name the file, line and field (policy::ParsePolicy).
absl::StatusOr<v1::Policy> LoadPolicyFile(const std::string& path);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_CONFIG_FILES_H_
