// See policy_config.h.
#include "server/policy/policy_config.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/common/error.h"

namespace shiori::policy {
namespace {

class CollectErrors : public google::protobuf::io::ErrorCollector {
 public:
  explicit CollectErrors(std::string file) : file_(std::move(file)) {}
  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
    errors.push_back(absl::StrCat(file_, ":", line + 1, ":", column + 1, ": ", message));
    if (first_line == 0) first_line = line + 1;
  }
  void AddWarning(int, google::protobuf::io::ColumnNumber, const std::string&) override {}
  std::vector<std::string> errors;
  int first_line = 0;

 private:
  std::string file_;
};

// The 1-based line of a field path like "material_types[3].loan_period_days" in the parsed text, or 0.
int LineOf(const google::protobuf::TextFormat::ParseInfoTree* tree, const google::protobuf::Descriptor* type,
           absl::string_view path) {
  int line = 0;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (tree == nullptr || type == nullptr) return line;
    int index = -1;
    absl::string_view name = part;
    if (auto b = part.find('['); b != absl::string_view::npos) {
      name = part.substr(0, b);
      (void)absl::SimpleAtoi(part.substr(b + 1, part.size() - b - 2), &index);
    }
    const auto* field = type->FindFieldByName(std::string(name));
    if (field == nullptr) return line;
    auto loc = tree->GetLocation(field, field->is_repeated() ? std::max(index, 0) : -1);
    if (loc.line >= 0) line = loc.line + 1;
    if (field->message_type() == nullptr) return line;
    tree = tree->GetTreeForNested(field, field->is_repeated() ? std::max(index, 0) : -1);
    type = field->message_type();
  }
  return line;
}

// The locations of the text being validated on this thread (set by ParsePolicy for the checks below).
thread_local const google::protobuf::TextFormat::ParseInfoTree* g_tree = nullptr;

absl::Status Invalid(absl::string_view file, absl::string_view field, absl::string_view problem, int line = -1) {
  if (line < 0) line = LineOf(g_tree, v1::Policy::descriptor(), field);
  std::string where = line > 0 ? absl::StrCat(file, ":", line) : std::string(file);
  Error e(absl::StatusCode::kInvalidArgument, "POLICY_INVALID", absl::StrCat("ポリシー設定の誤り: ", field));
  e.Field(std::string(field), std::string(problem)).Meta("file", std::string(file));
  if (line > 0) e.Meta("line", std::to_string(line));
  return e.English(absl::StrCat(where, ": ", field, ": ", problem));
}

absl::Status NonNegative(absl::string_view file, absl::string_view field, int64_t v) {
  if (v < 0) return Invalid(file, field, absl::StrCat("must not be negative (is ", v, ")"));
  return absl::OkStatus();
}

absl::Status Positive(absl::string_view file, absl::string_view field, int64_t v) {
  if (v <= 0) return Invalid(file, field, absl::StrCat("must be positive (is ", v, ")"));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Policy> ParsePolicy(absl::string_view text, absl::string_view file_name) {
  v1::Policy p;
  google::protobuf::TextFormat::Parser parser;
  CollectErrors errors{std::string(file_name)};
  parser.RecordErrorsTo(&errors);
  google::protobuf::TextFormat::ParseInfoTree tree;
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), &p)) {
    std::string msg = errors.errors.empty() ? "cannot parse" : absl::StrJoin(errors.errors, "; ");
    return Error(absl::StatusCode::kInvalidArgument, "POLICY_INVALID", "ポリシー設定を読めません")
        .Meta("file", std::string(file_name))
        .Meta("line", std::to_string(errors.first_line))
        .English(msg);
  }
  const std::string f(file_name);
  absl::Status s;
  g_tree = &tree;
  auto check = [&](absl::Status st) {
    if (s.ok() && !st.ok()) s = st;
  };
  check(Positive(f, "reservation.limit", p.reservation().limit()));
  if (p.reservation().counted_states().empty()) check(Invalid(f, "reservation.counted_states", "must not be empty"));
  std::set<std::string> groups;
  for (int i = 0; i < p.loan_limit_groups_size(); ++i) {
    const auto& g = p.loan_limit_groups(i);
    std::string path = absl::StrCat("loan_limit_groups[", i, "]");
    if (g.name().empty()) check(Invalid(f, path + ".name", "must not be empty"));
    if (!groups.insert(g.name()).second) check(Invalid(f, path + ".name", "listed twice"));
    check(NonNegative(f, path + ".limit", g.limit()));
  }
  std::set<int> types;
  for (int i = 0; i < p.material_types_size(); ++i) {
    const auto& m = p.material_types(i);
    std::string path = absl::StrCat("material_types[", i, "]");
    if (m.type() == v1::MATERIAL_TYPE_UNSPECIFIED) check(Invalid(f, path + ".type", "must be set"));
    if (!types.insert(m.type()).second) check(Invalid(f, path + ".type", "listed twice"));
    if (m.loanable()) {
      check(Positive(f, path + ".loan_period_days", m.loan_period_days()));
      if (!groups.count(m.loan_limit_group())) {
        check(Invalid(f, path + ".loan_limit_group", absl::StrCat("no loan_limit_groups entry named '",
                                                                  m.loan_limit_group(), "'")));
      }
    } else {
      check(NonNegative(f, path + ".loan_period_days", m.loan_period_days()));
    }
  }
  for (int t = v1::MaterialType_MIN + 1; t <= v1::MaterialType_MAX; ++t) {
    if (v1::MaterialType_IsValid(t) && !types.count(t)) {
      check(Invalid(f, "material_types", absl::StrCat("no entry for ", v1::MaterialType_Name(t))));
    }
  }
  check(Positive(f, "hold_shelf.period_days", p.hold_shelf().period_days()));
  check(NonNegative(f, "renewal.max_renewals", p.renewal().max_renewals()));
  check(Positive(f, "renewal.period_days", p.renewal().period_days()));
  check(Positive(f, "account.lockout_failures", p.account().lockout_failures()));
  check(Positive(f, "account.lockout_window_minutes", p.account().lockout_window_minutes()));
  check(NonNegative(f, "account.lockout_minutes", p.account().lockout_minutes()));
  check(Positive(f, "account.session_idle_minutes_internet", p.account().session_idle_minutes_internet()));
  check(Positive(f, "account.session_idle_minutes_terminal", p.account().session_idle_minutes_terminal()));
  check(Positive(f, "account.session_idle_minutes_staff", p.account().session_idle_minutes_staff()));
  check(Positive(f, "account.confirmation_token_hours", p.account().confirmation_token_hours()));
  check(Positive(f, "account.max_email_addresses", p.account().max_email_addresses()));
  check(Positive(f, "password.min_length", p.password().min_length()));
  if (p.password().max_length() < p.password().min_length()) {
    check(Invalid(f, "password.max_length", "must not be less than password.min_length"));
  }
  check(Positive(f, "password.argon2_ops_limit", p.password().argon2_ops_limit()));
  if (p.password().argon2_mem_limit_kib() < 8) check(Invalid(f, "password.argon2_mem_limit_kib", "must be at least 8"));
  check(Positive(f, "new_arrival.max_items_per_mail", p.new_arrival().max_items_per_mail()));
  check(Positive(f, "new_arrival.max_keywords", p.new_arrival().max_keywords()));
  check(Positive(f, "new_arrival.min_keyword_length", p.new_arrival().min_keyword_length()));
  check(Positive(f, "calendar.max_search_days", p.calendar().max_search_days()));
  // L3: the library's days are Tokyo's, fixed in the code (server/common/clock.h); another zone would be
  // silently ignored, so it is refused.
  if (!p.calendar().time_zone().empty() && p.calendar().time_zone() != "Asia/Tokyo") {
    check(Invalid(f, "calendar.time_zone", "only Asia/Tokyo: the library's days are Tokyo's (L3)"));
  }
  g_tree = nullptr;
  if (!s.ok()) return s;
  return p;
}

const v1::MaterialTypePolicy* FindMaterialType(const v1::Policy& policy, v1::MaterialType type) {
  for (const auto& m : policy.material_types()) {
    if (m.type() == type) return &m;
  }
  return nullptr;
}

}  // namespace shiori::policy
