// Test support: reads mail back with Python's email package (Debian's /usr/bin/python3, policy.default), an
// independent MIME implementation, so the tests check what a real reader sees rather than our own decoder.
#ifndef SHIORI_SERVER_NOTIFY_PYTHON_EMAIL_TEST_H_
#define SHIORI_SERVER_NOTIFY_PYTHON_EMAIL_TEST_H_

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace shiori::notify::testing {

inline constexpr char kPython[] = "/usr/bin/python3";

inline std::string TestdataPath(const std::string& name) {
  return absl::StrCat(SHIORI_SOURCE_DIR, "/server/notify/testdata/", name);
}

// A fresh empty folder under the test's temporary folder.
inline std::string MakeTempFolder(const std::string& stem) {
  std::string pattern = absl::StrCat(::testing::TempDir(), "/", stem, "XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed for " << pattern;
  return pattern;
}

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs parse_mail.py on the mail in file `path`; an empty object (and a test failure) when Python fails.
inline nlohmann::json ParseMailFile(const std::string& path) {
  const std::string command = absl::StrCat(kPython, " ", TestdataPath("parse_mail.py"), " '", path, "'");
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return nlohmann::json::object();
  }
  std::string out;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = pclose(pipe);
  if (status != 0) {
    ADD_FAILURE() << command << " exited with " << status;
    return nlohmann::json::object();
  }
  return nlohmann::json::parse(out);
}

inline nlohmann::json ParseMail(const std::string& message) {
  const std::string folder = MakeTempFolder("mail");
  const std::string path = absl::StrCat(folder, "/message.eml");
  std::ofstream(path, std::ios::binary) << message;
  nlohmann::json parsed = ParseMailFile(path);
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  return parsed;
}

// The lines of a CRLF text; a bare CR or LF inside a line is reported as a failure.
inline std::vector<std::string> CrlfLines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, "\r\n");
  for (const std::string& line : lines) {
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << "bare CR or LF in: " << line;
  }
  return lines;
}

}  // namespace shiori::notify::testing

#endif  // SHIORI_SERVER_NOTIFY_PYTHON_EMAIL_TEST_H_
