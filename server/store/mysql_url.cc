// See mysql_url.h.
#include "server/store/mysql_url.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/common/error.h"

namespace shiori::store {

absl::StatusOr<MysqlTarget> ParseMysqlUrl(absl::string_view url) {
  MysqlTarget t;
  absl::string_view rest = url;
  if (!absl::ConsumePrefix(&rest, "mysql://") && !absl::ConsumePrefix(&rest, "mariadb://")) {
    return InvalidField("mysql", "must start with mysql://");
  }
  absl::string_view query;
  if (auto q = rest.find('?'); q != absl::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  if (auto at = rest.rfind('@'); at != absl::string_view::npos) {
    absl::string_view cred = rest.substr(0, at);
    rest = rest.substr(at + 1);
    std::vector<std::string> up = absl::StrSplit(cred, absl::MaxSplits(':', 1));
    t.user = up[0];
    if (up.size() > 1) t.password = up[1];
  }
  absl::string_view hostport = rest;
  if (auto slash = rest.find('/'); slash != absl::string_view::npos) {
    hostport = rest.substr(0, slash);
    if (slash + 1 < rest.size()) t.database = std::string(rest.substr(slash + 1));
  }
  if (auto colon = hostport.rfind(':'); colon != absl::string_view::npos) {
    if (!absl::SimpleAtoi(hostport.substr(colon + 1), &t.port)) return InvalidField("mysql", "bad port");
    hostport = hostport.substr(0, colon);
  }
  if (!hostport.empty()) t.host = std::string(hostport);
  for (absl::string_view kv : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    if (absl::ConsumePrefix(&kv, "socket=")) t.socket = std::string(kv);
  }
  return t;
}

}  // namespace shiori::store
