// Reading a whole data file into memory (the catalogue files are a few megabytes at most).
#ifndef SHIORI_SERVER_CATALOG_FILE_CONTENTS_H_
#define SHIORI_SERVER_CATALOG_FILE_CONTENTS_H_

#include <string>

#include "absl/status/statusor.h"

namespace shiori::catalog {

// The bytes of the file at `path`. NOT_FOUND when it cannot be opened, DATA_LOSS when reading fails midway.
absl::StatusOr<std::string> ReadFileContents(const std::string& path);

}  // namespace shiori::catalog

#endif  // SHIORI_SERVER_CATALOG_FILE_CONTENTS_H_
