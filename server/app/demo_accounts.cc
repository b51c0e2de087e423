// See demo_accounts.h.
#include "server/app/demo_accounts.h"

#include <optional>
#include <string>
#include <vector>

#include "server/store/patron_store.h"

namespace shiori::app {
namespace {

struct DemoPatron {
  const char* number;
  v1::PatronCategory category;
  const char* name;
  const char* kana;
  const char* phone;
  const char* home;
  const char* password;  // nullptr: no password registered yet (P4)
};

constexpr DemoPatron kPatrons[] = {
    {"0000001", v1::RESIDENT, "栞 太郎", "シオリ タロウ", "06-0000-0001", "main", "shiori01"},
    {"0000002", v1::WIDE_AREA, "広域 次郎", "コウイキ ジロウ", "06-0000-0002", "main", "shiori02"},
    {"0000003", v1::RESIDENT, "栞 花子", "シオリ ハナコ", "06-0000-0003", "branch", nullptr},
    {"0000004", v1::WORKER, "本田 一葉", "ホンダ カズハ", "06-0000-0004", "main", "shiori04"},
    {"0000005", v1::STUDENT, "文月 ゆう", "フミヅキ ユウ", "06-0000-0005", "branch", "shiori05"},
};

struct DemoStaff {
  const char* id;
  const char* name;
  const char* password;
  bool admin;
  std::vector<std::string> libraries;
};

}  // namespace

absl::StatusOr<int> CreateDemoAccounts(const ServiceContext& ctx) {
  const std::vector<DemoStaff> staff = {
      {"s0001", "本館 職員", "staff001", false, {"main"}},
      {"s0002", "分館 職員", "staff002", false, {"branch"}},
      {"a0001", "システム管理者", "admin001", true, {"main", "branch"}},
  };
  int created = 0;
  absl::Status s = ctx.db->InTransaction([&](store::Tx& tx) -> absl::Status {
    created = 0;
    for (const DemoPatron& p : kPatrons) {
      auto existing = store::FindPatronByNumber(tx, p.number);
      if (!existing.ok()) return existing.status();
      if (existing->has_value()) continue;
      store::PatronRow row;
      row.patron_number = p.number;
      row.category = p.category;
      row.name = p.name;
      row.name_kana = p.kana;
      row.phone = p.phone;
      row.home_library = p.home;
      row.address = "門真市中町1-1";
      if (p.password != nullptr) {
        auto hash = ctx.hasher.Hash(p.password);
        if (!hash.ok()) return hash.status();
        row.password_hash = *hash;
      }
      auto id = store::InsertPatron(tx, row, ctx.clock->Now());
      if (!id.ok()) return id.status();
      ++created;
    }
    for (const DemoStaff& d : staff) {
      auto existing = store::FindStaff(tx, d.id);
      if (!existing.ok()) return existing.status();
      if (existing->has_value()) continue;
      auto hash = ctx.hasher.Hash(d.password);
      if (!hash.ok()) return hash.status();
      store::StaffRow row{0, d.id, d.name, *hash, d.admin, d.libraries};
      auto id = store::UpsertStaff(tx, row);
      if (!id.ok()) return id.status();
      ++created;
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return created;
}

}  // namespace shiori::app
