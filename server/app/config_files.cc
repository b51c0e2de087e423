// See config_files.h.
#include "server/app/config_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "server/common/error.h"
#include "server/policy/policy_config.h"

namespace shiori::app {

std::string DefaultConfigDir() {
#ifdef SHIORI_SOURCE_DIR
  return SHIORI_SOURCE_DIR "/config";
#else
  return "config";
#endif
}

absl::StatusOr<std::string> ReadTextFile(const std::string& path) {
  std::error_code error;
  // A folder opens as an empty stream: refused as unreadable, not read as an empty file.
  const bool folder = std::filesystem::is_directory(path, error);
  std::ifstream in(path, std::ios::binary);
  if (folder || !in) {
    return Error(absl::StatusCode::kNotFound, "FILE_NOT_FOUND", "ファイルを読めません")
        .Meta("file", path)
        .English(absl::StrCat("cannot read ", path));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::StatusOr<v1::Policy> LoadPolicyFile(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return policy::ParsePolicy(*text, path);
}

}  // namespace shiori::app
