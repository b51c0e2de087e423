// A bibliographic record (書誌) as the catalogue readers produce it, before it is stored: one title, its people
// and its subject words, from one source file. Each magazine issue is its own record (rule R1). Plain values,
// no behaviour; the store decides how it is kept and indexed (C1, C2).
#ifndef SHIORI_SERVER_CATALOG_BIB_RECORD_H_
#define SHIORI_SERVER_CATALOG_BIB_RECORD_H_

#include <string>
#include <vector>

#include "shiori/v1/common.pb.h"

namespace shiori::catalog {

// A person or body with a part in the work.
struct Contributor {
  std::string name;       // as catalogued: 萩野 正昭, Austen, Jane
  std::string name_kana;  // katakana reading when the source has one: ハギノ マサアキ
  std::string role;       // as the source says it: 著, 編, 訳, 著者, 翻訳者, ed., ill. …; "" when unknown
};

struct BibRecord {
  std::string source;     // "ndl", "loc", "aozora", "demo"
  std::string source_id;  // unique within the source: MARC 001, Aozora 作品ID, demo key
  std::string title;      // main title, with its part number/name when the source has one
  std::string title_kana; // katakana reading of the title, "" when the source has none
  std::string subtitle;
  std::string responsibility;  // statement of responsibility as printed (245$c)
  std::vector<Contributor> contributors;
  std::string publisher;
  int publication_year = 0;  // 0 when unknown
  std::string isbn;          // digits and X only (ISBN-10 or ISBN-13), "" when none
  std::string ndc;           // 日本十進分類法 class number, "" when none
  std::string ndlc;          // NDL classification (国立国会図書館分類表) when the source has it
  std::vector<std::string> subjects;
  shiori::v1::MaterialType material_type = shiori::v1::GENERAL_BOOK;
  // Magazines (R1, R5): the title of the run, this issue's number, and whether it is the latest issue.
  std::string series_title;
  int issue_number = 0;
  bool latest_issue = false;
};

}  // namespace shiori::catalog

#endif  // SHIORI_SERVER_CATALOG_BIB_RECORD_H_
