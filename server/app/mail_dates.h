// Dates and times as the library's mails write them (config/mail/README.md): 2026年12月10日（木） and
// 2024年5月15日（水）13:05, in Tokyo.
#ifndef SHIORI_SERVER_APP_MAIL_DATES_H_
#define SHIORI_SERVER_APP_MAIL_DATES_H_

#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace shiori::app {

std::string JapaneseDate(absl::CivilDay day);
std::string JapaneseDateTime(absl::Time t);

}  // namespace shiori::app

#endif  // SHIORI_SERVER_APP_MAIL_DATES_H_
