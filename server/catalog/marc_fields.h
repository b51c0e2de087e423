// One MARC record as tags, indicators and subfields, decoded from ISO 2709 by YAZ (MARC-8 records, leader/09
// blank, are converted to UTF-8; UTF-8 records, leader/09 'a', pass through). The MARC21 meaning of the fields
// is marc_reader's business; this file only turns bytes into fields. Not thread-safe: one decoder per thread.
#ifndef SHIORI_SERVER_CATALOG_MARC_FIELDS_H_
#define SHIORI_SERVER_CATALOG_MARC_FIELDS_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shiori::catalog {

struct MarcField {
  std::string tag;                                   // "001", "245", "880"
  std::string value;                                 // control fields (00X) only
  char ind1 = ' ';
  char ind2 = ' ';
  std::vector<std::pair<char, std::string>> subfields;  // in record order, UTF-8

  // The first subfield `code`, or "" when there is none.
  std::string First(char code) const;
  // Every subfield `code`, in order.
  std::vector<std::string> All(char code) const;
};

struct MarcRecord {
  std::string leader;
  std::vector<MarcField> fields;

  // The first field with `tag`, or nullptr.
  const MarcField* Find(absl::string_view tag) const;
  // The value of a control field, or "" when absent.
  std::string Control(absl::string_view tag) const;
};

// Reads the records of an ISO 2709 byte stream one by one.
class MarcDecoder {
 public:
  MarcDecoder();
  ~MarcDecoder();
  MarcDecoder(const MarcDecoder&) = delete;
  MarcDecoder& operator=(const MarcDecoder&) = delete;

  // Decodes the record that starts at `offset` of `data`. On success sets `*next` to the offset after it.
  // A damaged record returns INVALID_ARGUMENT and sets `*next` to the byte after its record terminator, so the
  // caller may skip it; at the end of `data` *next is data.size().
  absl::StatusOr<MarcRecord> Decode(absl::string_view data, size_t offset, size_t* next);

 private:
  struct Yaz;
  std::unique_ptr<Yaz> yaz_;
};

}  // namespace shiori::catalog

#endif  // SHIORI_SERVER_CATALOG_MARC_FIELDS_H_
