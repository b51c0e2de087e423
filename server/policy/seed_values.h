// The values of the policy file that the library's guide fixes (rules.md, [seed]): R3's 10 reservations, R11's
// week on the hold shelf, B2's one renewal of 3 weeks, P6's 4 to 10 characters, P7's two addresses, N1/N4's
// 10s, and which categories and material types R4, R6 and N5 name. The file may change them (the guide may
// change), but a change is then the library's decision, not a slip: `shiori-admin policy check` and the server's
// start say each value that differs from the guide.
#ifndef SHIORI_SERVER_POLICY_SEED_VALUES_H_
#define SHIORI_SERVER_POLICY_SEED_VALUES_H_

#include <string>
#include <vector>

#include "shiori/v1/policy.pb.h"

namespace shiori::policy {

struct SeedDeviation {
  std::string rule;    // "R3"
  std::string field;   // "reservation.limit"
  std::string guide;   // what the guide says, "10"
  std::string policy;  // what the file says, "12"
};

// Every [seed] value of `policy` that differs from the guide, in the order of the file; empty when none does.
std::vector<SeedDeviation> SeedDeviations(const v1::Policy& policy);

// "R3 reservation.limit is 12 where the library's guide says 10".
std::string Describe(const SeedDeviation& d);

}  // namespace shiori::policy

#endif  // SHIORI_SERVER_POLICY_SEED_VALUES_H_
