// For the policy tests: the text of the repository's policy file (config/policy.textproto), which they edit.
#ifndef SHIORI_SERVER_POLICY_DEFAULT_POLICY_TEXT_H_
#define SHIORI_SERVER_POLICY_DEFAULT_POLICY_TEXT_H_

#include <fstream>
#include <sstream>
#include <string>

namespace shiori::policy {

inline std::string DefaultPolicyText() {
  std::ifstream in(SHIORI_SOURCE_DIR "/config/policy.textproto");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_DEFAULT_POLICY_TEXT_H_
