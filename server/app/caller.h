// Who is calling: resolved once per call by the api layer from the session token (or the client certificate
// or API key of another system), then passed to every use case.
#ifndef SHIORI_SERVER_APP_CALLER_H_
#define SHIORI_SERVER_APP_CALLER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "shiori/v1/common.pb.h"

namespace shiori::app {

struct Caller {
  enum class Kind { kAnonymous, kPatron, kStaff, kService };
  Kind kind = Kind::kAnonymous;
  // For a patron:
  int64_t patron_id = 0;
  std::string patron_number;
  v1::PatronCategory category = v1::PATRON_CATEGORY_UNSPECIFIED;
  // For staff:
  int64_t staff_id = 0;
  std::string staff_login;
  bool admin = false;
  std::vector<std::string> libraries;
  // For another system:
  std::string service_name;
  std::vector<std::string> scopes;
  // Every caller:
  v1::Channel channel = v1::INTERNET;
  std::string session_hash;  // the stored hash of the session token, when logged in
  std::string peer;          // network address, for the audit log

  bool is_patron() const { return kind == Kind::kPatron; }
  bool is_staff() const { return kind == Kind::kStaff; }
};

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_CALLER_H_
