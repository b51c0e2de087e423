// The desk's patron records (P10): register a patron (the server issues the number), edit, look up by number,
// name or 氏名カナ, reset a password (the patron then registers again, P4), and change only the category (for
// another municipal system). Staff and admins only; every change writes an audit entry in its transaction.
#ifndef SHIORI_SERVER_APP_STAFF_PATRONS_H_
#define SHIORI_SERVER_APP_STAFF_PATRONS_H_

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/app/caller.h"
#include "server/app/service_context.h"
#include "server/store/patron_store.h"

namespace shiori::app {

// The editable fields of a patron record.
struct PatronFields {
  int category = 0;  // shiori.v1.PatronCategory
  std::string name;
  std::string name_kana;
  std::string address;
  std::string phone;
  std::string home_library;  // "main"
  bool blocked = false;
};

// Field names of UpdatePatron's mask.
inline const std::set<std::string>& PatronFieldNames() {
  static const auto* names = new std::set<std::string>{"category", "display_name", "name_kana", "address",
                                                      "phone",    "home_library", "blocked"};
  return *names;
}

// INVALID_ARGUMENT with field violations for a missing name/kana/phone, an unknown category or library.
// With a request_id already used, returns the patron it created. validate_only checks and changes nothing
// (the number shown is then empty).
absl::StatusOr<store::PatronRow> CreatePatron(const ServiceContext& ctx, const Caller& caller,
                                              const PatronFields& fields, const std::string& request_id,
                                              bool validate_only);
// Changes the fields named in `mask` (all when empty). NOT_FOUND PATRON_NOT_FOUND.
absl::StatusOr<store::PatronRow> UpdatePatron(const ServiceContext& ctx, const Caller& caller,
                                              const std::string& number, const PatronFields& fields,
                                              const std::set<std::string>& mask, bool validate_only);
absl::StatusOr<store::PatronRow> GetPatron(const ServiceContext& ctx, const Caller& caller, const std::string& number);

struct PatronPage {
  std::vector<store::PatronRow> patrons;
  std::string next_page_token;
};
// A number (full-width digits welcome), part of a name, or part of a 氏名カナ (normalised as P4 compares).
absl::StatusOr<PatronPage> SearchPatrons(const ServiceContext& ctx, const Caller& caller, const std::string& query,
                                         int page_size, const std::string& page_token);
// Removes the password and any pending registration and ends the patron's sessions.
absl::StatusOr<store::PatronRow> ResetPassword(const ServiceContext& ctx, const Caller& caller,
                                               const std::string& number);
absl::StatusOr<store::PatronRow> SetCategory(const ServiceContext& ctx, const Caller& caller,
                                             const std::string& number, int category);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_STAFF_PATRONS_H_
