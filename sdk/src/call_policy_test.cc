// Which RPCs are repeatable (AIP-155 request_id) and the request ids the client fills in.
#include "call_policy.h"

#include <memory>
#include <set>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "shiori/v1/library.pb.h"
#include "shiori/v1/loan.pb.h"
#include "shiori/v1/patron.pb.h"
#include "shiori/v1/reservation.pb.h"

namespace shiori::internal {
namespace {

struct Row {
  const char* rpc;
  CallKind kind;
  std::shared_ptr<google::protobuf::Message> request;
  bool want_idempotent;
};

TEST(IsIdempotent, EveryRpcOfTheApi) {
  const Row rows[] = {
      {"ListLibraries", CallKind::kRead, std::make_shared<v1::ListLibrariesRequest>(), true},
      {"SearchCatalog", CallKind::kRead, std::make_shared<v1::SearchCatalogRequest>(), true},
      {"GetRecord", CallKind::kRead, std::make_shared<v1::GetRecordRequest>(), true},
      // Login and Logout change sessions and carry no request_id: a repeat could open a second session.
      {"Login", CallKind::kMutation, std::make_shared<v1::LoginRequest>(), false},
      {"Logout", CallKind::kMutation, std::make_shared<v1::LogoutRequest>(), false},
      // R3/R8: a retried PlaceReservation must not queue the patron twice; request_id makes it safe.
      {"PlaceReservation", CallKind::kMutation, std::make_shared<v1::PlaceReservationRequest>(), true},
      {"ListReservations", CallKind::kRead, std::make_shared<v1::ListReservationsRequest>(), true},
      {"CancelReservation", CallKind::kMutation, std::make_shared<v1::CancelReservationRequest>(), true},  // R14
      {"ListLoans", CallKind::kRead, std::make_shared<v1::ListLoansRequest>(), true},  // B1
  };
  for (const Row& row : rows) {
    EXPECT_EQ(IsIdempotent(row.kind, *row.request), row.want_idempotent) << row.rpc;
  }
}

TEST(EnsureRequestId, FillsAnEmptyIdOnce) {  // R8: one place in the queue however often it is retried
  v1::PlaceReservationRequest req;
  std::string id = EnsureRequestId(req);
  EXPECT_EQ(req.request_id(), id);
  EXPECT_EQ(EnsureRequestId(req), id);  // a second call keeps it
}

TEST(EnsureRequestId, KeepsTheCallersId) {
  v1::CancelReservationRequest req;
  req.set_request_id("caller-chosen");
  EXPECT_EQ(EnsureRequestId(req), "caller-chosen");
  EXPECT_EQ(req.request_id(), "caller-chosen");
}

TEST(EnsureRequestId, NoFieldNoId) {
  v1::LoginRequest req;
  EXPECT_EQ(EnsureRequestId(req), "");
}

TEST(NewUuidV4, CanonicalFormVersionAndVariant) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string id = NewUuidV4();
    ASSERT_EQ(id.size(), 36u) << id;
    for (int dash : {8, 13, 18, 23}) EXPECT_EQ(id[dash], '-') << id;
    EXPECT_EQ(id[14], '4') << id;                              // version 4
    EXPECT_TRUE(absl::StrContains("89ab", id[19])) << id;  // RFC 4122 variant
    for (char c : id) EXPECT_TRUE(c == '-' || absl::StrContains("0123456789abcdef", c)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 200u);
}

}  // namespace
}  // namespace shiori::internal
