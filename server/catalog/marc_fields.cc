// See marc_fields.h. YAZ keeps its parsed record private, so the record is written out as MARC-in-JSON
// (yaz_marc_write_json, which also applies the MARC-8 conversion) and read back with nlohmann::json.
#include "server/catalog/marc_fields.h"

#include <yaz/marcdisp.h>
#include <yaz/wrbuf.h>
#include <yaz/yaz-iconv.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace shiori::catalog {

std::string MarcField::First(char code) const {
  for (const auto& [c, v] : subfields) {
    if (c == code) return v;
  }
  return "";
}

std::vector<std::string> MarcField::All(char code) const {
  std::vector<std::string> out;
  for (const auto& [c, v] : subfields) {
    if (c == code) out.push_back(v);
  }
  return out;
}

const MarcField* MarcRecord::Find(absl::string_view tag) const {
  for (const auto& f : fields) {
    if (f.tag == tag) return &f;
  }
  return nullptr;
}

std::string MarcRecord::Control(absl::string_view tag) const {
  const MarcField* f = Find(tag);
  return f == nullptr ? "" : f->value;
}

struct MarcDecoder::Yaz {
  yaz_marc_t marc = yaz_marc_create();
  yaz_iconv_t marc8 = yaz_iconv_open("utf-8", "marc8");
  WRBUF json = wrbuf_alloc();
  ~Yaz() {
    wrbuf_destroy(json);
    if (marc8 != nullptr) yaz_iconv_close(marc8);
    yaz_marc_destroy(marc);
  }
};

MarcDecoder::MarcDecoder() : yaz_(std::make_unique<Yaz>()) {}
MarcDecoder::~MarcDecoder() = default;

namespace {

constexpr char kRecordTerminator = 0x1D;

size_t AfterTerminator(absl::string_view data, size_t offset) {
  const size_t end = data.find(kRecordTerminator, offset);
  return end == absl::string_view::npos ? data.size() : end + 1;
}

absl::StatusOr<MarcRecord> FromJson(const nlohmann::json& doc) {
  if (!doc.is_object() || !doc.contains("fields") || !doc["fields"].is_array()) {
    return absl::InvalidArgumentError("MARC record without fields");
  }
  MarcRecord record;
  if (doc.contains("leader") && doc["leader"].is_string()) record.leader = doc["leader"].get<std::string>();
  for (const auto& entry : doc["fields"]) {
    if (!entry.is_object()) continue;
    for (const auto& [tag, body] : entry.items()) {
      MarcField field;
      field.tag = tag;
      if (body.is_string()) {
        field.value = body.get<std::string>();
      } else if (body.is_object()) {
        const auto indicator = [&body](const char* key) {
          if (!body.contains(key) || !body[key].is_string()) return ' ';
          const std::string s = body[key].get<std::string>();
          return s.empty() ? ' ' : s[0];
        };
        field.ind1 = indicator("ind1");
        field.ind2 = indicator("ind2");
        if (body.contains("subfields") && body["subfields"].is_array()) {
          for (const auto& sub : body["subfields"]) {
            if (!sub.is_object()) continue;
            for (const auto& [code, value] : sub.items()) {
              if (code.empty() || !value.is_string()) continue;
              field.subfields.emplace_back(code[0], value.get<std::string>());
            }
          }
        }
      }
      record.fields.push_back(std::move(field));
    }
  }
  return record;
}

}  // namespace

absl::StatusOr<MarcRecord> MarcDecoder::Decode(absl::string_view data, size_t offset, size_t* next) {
  *next = data.size();
  if (offset + 24 > data.size()) {
    return absl::InvalidArgumentError(absl::StrCat("truncated MARC record at byte ", offset));
  }
  // Leader/09: 'a' means UCS/Unicode; blank means MARC-8 and needs converting.
  const bool unicode = data[offset + 9] == 'a';
  yaz_marc_iconv(yaz_->marc, unicode ? nullptr : yaz_->marc8);
  const int length = yaz_marc_read_iso2709(yaz_->marc, data.data() + offset,
                                           static_cast<int>(data.size() - offset));
  if (length <= 0) {
    *next = AfterTerminator(data, offset);
    return absl::InvalidArgumentError(absl::StrCat("damaged MARC record at byte ", offset));
  }
  *next = offset + static_cast<size_t>(length);

  wrbuf_rewind(yaz_->json);
  if (yaz_marc_write_json(yaz_->marc, yaz_->json) != 0) {
    return absl::InvalidArgumentError(absl::StrCat("undecodable MARC record at byte ", offset));
  }
  const char* json = wrbuf_buf(yaz_->json);
  const nlohmann::json doc = nlohmann::json::parse(json, json + wrbuf_len(yaz_->json), /*cb=*/nullptr,
                                                   /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return absl::InvalidArgumentError(absl::StrCat("undecodable MARC record at byte ", offset));
  }
  return FromJson(doc);
}

}  // namespace shiori::catalog
