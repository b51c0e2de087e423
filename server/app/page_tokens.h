// Page tokens (AIP-158) of the paged lists — the catalogue search, the reading history, staff's patron search
// and the audit log. A token is opaque to clients: the position after the last item of its page, with a
// fingerprint of the request's other fields (the query and its filters, whose list it is; not the page size,
// which may change from page to page). So a token is taken only with the request it was made for, and one that
// was not made by a server of this service is refused. Stateless: any server reads any server's tokens.
#ifndef SHIORI_SERVER_APP_PAGE_TOKENS_H_
#define SHIORI_SERVER_APP_PAGE_TOKENS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shiori::app {

// The token of `position` (no '|') for a request whose other fields are `request` (any text naming them).
std::string MakePageToken(absl::string_view position, absl::string_view request);

// The position of `token` when it was made for `request`; else INVALID_ARGUMENT INVALID_PAGE_TOKEN naming
// page_token. The caller still checks the position's own form.
absl::StatusOr<std::string> PagePosition(absl::string_view token, absl::string_view request);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_PAGE_TOKENS_H_
