// See holdings.h.
#include "server/catalog/holdings.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"

namespace shiori::catalog {
namespace {

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;
constexpr int kAccessionWindowDays = 730;
constexpr uint64_t kRecordNumbers = 1000000000ull;  // 9 digits

uint64_t Fnv1a(uint64_t h, absl::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

// A further draw from the record's hash for copy `i` (SplitMix64 finaliser, so nearby inputs differ widely).
uint64_t Mix(uint64_t h, uint64_t i) {
  uint64_t z = h + 0x9E3779B97F4A7C15ull * (i + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

char SourceDigit(absl::string_view source) {
  if (source == "ndl") return '1';
  if (source == "loc") return '2';
  if (source == "aozora") return '3';
  if (source == "demo") return '9';
  return '8';
}

uint64_t RecordNumber(absl::string_view source, absl::string_view source_id) {
  // JAPAN/MARC writes the same sequence of ids in 9 and, zero-padded, 12 digits: compare values, not text.
  bool numeric = !source_id.empty() && source_id.size() <= 18;
  uint64_t n = 0;
  for (char c : source_id) {
    numeric = numeric && absl::ascii_isdigit(static_cast<unsigned char>(c));
    if (numeric) n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  if (numeric && n < kRecordNumbers) return n;
  return RecordHash(source, source_id) % kRecordNumbers;
}

}  // namespace

uint64_t RecordHash(absl::string_view source, absl::string_view source_id) {
  uint64_t h = Fnv1a(kFnvOffset, source);
  h = Fnv1a(h, absl::string_view("\0", 1));
  return Fnv1a(h, source_id);
}

std::string CopyBarcode(absl::string_view source, absl::string_view source_id, int copy_number) {
  return absl::StrFormat("1%c%09d%d", SourceDigit(source), RecordNumber(source, source_id), copy_number);
}

std::vector<HoldingCopy> MakeHoldings(const BibRecord& record, absl::CivilDay reference_date) {
  const uint64_t h = RecordHash(record.source, record.source_id);
  const int count = 1 + static_cast<int>(h % 3);
  const bool first_at_main = ((h >> 8) & 1) == 0;
  std::vector<HoldingCopy> copies;
  copies.reserve(count);
  for (int i = 0; i < count; ++i) {
    HoldingCopy copy;
    copy.barcode = CopyBarcode(record.source, record.source_id, i + 1);
    copy.library_id = ((i % 2 == 0) == first_at_main) ? kMainLibrary : kBranchLibrary;
    copy.accession_date = reference_date - (1 + static_cast<int>(Mix(h, i) % kAccessionWindowDays));
    copy.material_type = record.material_type;
    copies.push_back(std::move(copy));
  }
  return copies;
}

}  // namespace shiori::catalog
