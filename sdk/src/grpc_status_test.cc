// grpc::Status → absl::Status keeps code, message and every google.rpc detail (architecture.md "Errors"), and
// the helpers of shiori/error_details.h read them back.
#include "shiori/grpc_status.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "shiori/error_details.h"

namespace shiori {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

template <typename Message>
void AddDetail(google::rpc::Status& status, const Message& detail) {
  status.add_details()->PackFrom(detail);
}

// A refusal as the server sends it: FAILED_PRECONDITION + ErrorInfo + LocalizedMessage (R3).
grpc::Status HoldLimitRefusal() {
  google::rpc::Status details;
  details.set_code(grpc::StatusCode::FAILED_PRECONDITION);
  details.set_message("HOLD_LIMIT_REACHED: at most 10 reservations");
  google::rpc::ErrorInfo info;
  info.set_reason("HOLD_LIMIT_REACHED");
  info.set_domain("shiori.library");
  (*info.mutable_metadata())["rule"] = "R3";
  (*info.mutable_metadata())["limit"] = "10";
  (*info.mutable_metadata())["current"] = "10";
  AddDetail(details, info);
  google::rpc::LocalizedMessage ja;
  ja.set_locale("ja-JP");
  ja.set_message("予約は10件までです");
  AddDetail(details, ja);
  return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, details.message(), details.SerializeAsString());
}

TEST(FromGrpcStatus, KeepsReasonMetadataAndJapaneseMessage) {  // R3 refusal as a patron sees it
  absl::Status s = FromGrpcStatus(HoldLimitRefusal());
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "HOLD_LIMIT_REACHED: at most 10 reservations");
  EXPECT_EQ(ErrorReason(s), "HOLD_LIMIT_REACHED");
  EXPECT_EQ(ErrorDomain(s), "shiori.library");
  EXPECT_EQ(ErrorMetadata(s, "rule"), "R3");
  EXPECT_EQ(ErrorMetadata(s, "limit"), "10");
  EXPECT_EQ(ErrorMetadata(s, "missing"), "");
  EXPECT_EQ(ErrorMetadataMap(s).size(), 3u);
  EXPECT_EQ(LocalizedMessage(s), "予約は10件までです");
  EXPECT_THAT(FieldViolations(s), IsEmpty());
  EXPECT_TRUE(s.GetPayload(kErrorInfoUrl).has_value());
  EXPECT_TRUE(s.GetPayload(kLocalizedMessageUrl).has_value());
}

TEST(FromGrpcStatus, KeepsFieldViolationsInOrder) {  // bad input: one BadRequest with every bad field
  google::rpc::Status details;
  google::rpc::BadRequest bad;
  auto* v = bad.add_field_violations();
  v->set_field("pickup_library");
  v->set_description("unknown library");
  v = bad.add_field_violations();
  v->set_field("record");
  v->set_description("required");
  AddDetail(details, bad);
  absl::Status s =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad", details.SerializeAsString()));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldViolations(s), ElementsAre(FieldViolation{"pickup_library", "unknown library"},
                                              FieldViolation{"record", "required"}));
  EXPECT_EQ(ErrorReason(s), "");
}

TEST(FromGrpcStatus, PrefersJapaneseLocalizedMessage) {
  google::rpc::Status details;
  google::rpc::LocalizedMessage en;
  en.set_locale("en-US");
  en.set_message("Not reservable");
  google::rpc::LocalizedMessage ja;
  ja.set_locale("ja-JP");
  ja.set_message("この資料は予約できません");
  AddDetail(details, en);
  AddDetail(details, ja);
  absl::Status s =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "x", details.SerializeAsString()));
  EXPECT_EQ(LocalizedMessage(s), "この資料は予約できません");  // R4 message for patrons
}

TEST(FromGrpcStatus, EveryCodeMapsToTheSameCanonicalCode) {
  for (int code = 1; code <= 16; ++code) {
    absl::Status s = FromGrpcStatus(grpc::Status(static_cast<grpc::StatusCode>(code), "m"));
    EXPECT_EQ(static_cast<int>(s.code()), code);
    EXPECT_EQ(s.message(), "m");
  }
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(FromGrpcStatus, GarbageDetailsKeepCodeAndMessage) {
  absl::Status s = FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE, "down", "\xff\xff not a proto"));
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(s.message(), "down");
  EXPECT_EQ(ErrorReason(s), "");
}

TEST(ToGrpcStatus, RoundTripsThroughTheWireForm) {
  absl::Status original = FromGrpcStatus(HoldLimitRefusal());
  absl::Status back = FromGrpcStatus(ToGrpcStatus(original));
  EXPECT_EQ(back, original);  // absl::Status equality compares code, message and payloads
}

TEST(ErrorHelpers, EmptyOnStatusWithoutDetails) {
  absl::Status s = absl::NotFoundError("no such record");
  EXPECT_EQ(ErrorReason(s), "");
  EXPECT_EQ(LocalizedMessage(s), "");
  EXPECT_THAT(ErrorMetadataMap(s), IsEmpty());
  EXPECT_THAT(FieldViolations(s), IsEmpty());
}

}  // namespace
}  // namespace shiori
