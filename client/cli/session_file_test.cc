// The stored session: private to the owner (0600), atomic to replace, tied to its server (P9 bearer tokens).
#include "session_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace shiori::cli {
namespace {

// A fresh folder, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = absl::StrCat(::testing::TempDir(), "/shiori-session-XXXXXX");
    EXPECT_NE(::mkdtemp(tmpl.data()), nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(SessionFile, SavesPrivatelyAndLoadsBack) {  // P9: the token is a secret
  TempDir temp;
  const std::string& dir = temp.path();
  SessionFile file(absl::StrCat(dir, "/a/b/session"));
  ASSERT_TRUE(file.Load().ok());
  EXPECT_FALSE(file.Load()->has_value());

  ASSERT_TRUE(file.Save({"localhost:50051", "tok=en", "patron:0000001", "栞 花子"}).ok());
  struct stat st;
  ASSERT_EQ(::stat(file.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(absl::StrCat(dir, "/a/b").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);

  auto loaded = file.Load();
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->server, "localhost:50051");
  EXPECT_EQ((*loaded)->token, "tok=en");
  EXPECT_EQ((*loaded)->account, "patron:0000001");
  EXPECT_EQ((*loaded)->display_name, "栞 花子");

  ASSERT_TRUE(file.Remove().ok());
  EXPECT_FALSE(file.Load()->has_value());
  EXPECT_TRUE(file.Remove().ok());  // removing twice is fine
}

TEST(SessionFile, RefusesMultiLineValues) {
  TempDir temp;
  SessionFile file(absl::StrCat(temp.path(), "/session"));
  EXPECT_FALSE(file.Save({"x\nserver=evil", "t", "", ""}).ok());
}

TEST(SessionFile, DefaultPathFollowsXdgConfigHome) {
  const char* old_xdg = std::getenv("XDG_CONFIG_HOME");
  const char* old_home = std::getenv("HOME");
  std::string saved = old_xdg ? old_xdg : "";
  std::string saved_home = old_home ? old_home : "";
  ::setenv("XDG_CONFIG_HOME", "/cfg", 1);
  EXPECT_EQ(SessionFile::DefaultPath(), "/cfg/shiori/session");
  ::setenv("XDG_CONFIG_HOME", "relative", 1);  // not absolute: ignored, as the XDG spec says
  ::setenv("HOME", "/home/patron", 1);
  EXPECT_EQ(SessionFile::DefaultPath(), "/home/patron/.config/shiori/session");
  if (old_xdg) {
    ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
  } else {
    ::unsetenv("XDG_CONFIG_HOME");
  }
  ::setenv("HOME", saved_home.c_str(), 1);
}

}  // namespace
}  // namespace shiori::cli
