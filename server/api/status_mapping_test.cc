// The status a call answers with: the reason and the field survive however long the value that was sent.
#include "server/api/status_mapping.h"

#include <gtest/gtest.h>

#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "server/common/error.h"

namespace shiori::api {
namespace {

TEST(StatusMappingTest, LongValuesAreCutSoTheReplyFitsAClientsLimit) {
  // 10,000 characters of a name sent (a kanji is 3 bytes): repeated whole, the trailers were about 60 KB and a
  // client with gRPC's default 8 KiB limit got RESOURCE_EXHAUSTED instead of the reason.
  std::string name;
  for (int i = 0; i < 10000; ++i) name += "本";
  absl::Status s = Error(absl::StatusCode::kNotFound, "NOT_FOUND", "見つかりません: " + name)
                       .Meta("name", name)
                       .Field("name", "no such record: " + name);
  grpc::Status out = ToGrpcStatus(s);
  EXPECT_EQ(out.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_LT(out.error_message().size() + out.error_details().size(), 4096u);
  google::rpc::Status rpc;
  ASSERT_TRUE(rpc.ParseFromString(out.error_details()));
  bool saw_info = false, saw_field = false;
  for (const auto& any : rpc.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&info)) {
      saw_info = true;
      EXPECT_EQ(info.reason(), "NOT_FOUND");
      EXPECT_EQ(info.metadata().at("name").substr(0, 6), "本本");
    } else if (any.UnpackTo(&bad)) {
      saw_field = true;
      ASSERT_EQ(bad.field_violations_size(), 1);
      EXPECT_EQ(bad.field_violations(0).field(), "name");
      // Cut between characters, and said to be cut.
      const std::string& d = bad.field_violations(0).description();
      EXPECT_EQ(d.substr(d.size() - 3), "…");
      EXPECT_EQ((d.size() - std::string("no such record: ").size() - 3) % 3, 0u);
    }
  }
  EXPECT_TRUE(saw_info);
  EXPECT_TRUE(saw_field);
}

TEST(StatusMappingTest, ShortValuesStayWhole) {
  absl::Status s = InvalidField("pickup_library", "本館 or 分館").Rule("R2");
  grpc::Status out = ToGrpcStatus(s);
  google::rpc::Status rpc;
  ASSERT_TRUE(rpc.ParseFromString(out.error_details()));
  for (const auto& any : rpc.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) EXPECT_EQ(bad.field_violations(0).description(), "本館 or 分館");
  }
}

}  // namespace
}  // namespace shiori::api
