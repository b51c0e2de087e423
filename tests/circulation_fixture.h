// Shared set-up of the circulation integration tests: a fresh demo database and a server per test, titles and
// copies written straight into the database so each story controls where its copies are, staff and patron
// clients, and small SQL probes for what the API does not show (outbox rows, audit log, loan links).
#ifndef SHIORI_TESTS_CIRCULATION_FIXTURE_H_
#define SHIORI_TESTS_CIRCULATION_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "google/type/date.pb.h"
#include "shiori/error_details.h"
#include "tests/support/demo_server_test.h"

namespace shiori::testing {

class CirculationTest : public DemoServerTest {
 protected:
  // The demo patrons who reserve in these stories get a confirmed address, where ready notices go (R10): a
  // reservation asking for mail needs one (R2).
  void SetUp() override {
    DemoServerTest::SetUp();
    if (HasFatalFailure()) return;
    for (const char* number : {"0000001", "0000004", "0000005"}) GiveMailAddress(number);
  }
  void GiveMailAddress(const std::string& number) {
    Sql(absl::StrCat("INSERT INTO patron_email (patron_id, slot, address, confirmed_at, created_at) SELECT id, 1, '",
                     number, "@example.jp', NOW(), NOW() FROM patron WHERE patron_number = '", number, "'"));
  }
  void ForgetMailAddresses(const std::string& number) {
    Sql(absl::StrCat("DELETE FROM patron_email WHERE patron_id = (SELECT id FROM patron WHERE patron_number = '",
                     number, "')"));
  }
  // A title of `type` with one copy per entry of `homes`, barcodes "<key>-1", "<key>-2" …, all on their shelves.
  // Returns the record id.
  std::string AddTitle(const std::string& key, const std::vector<std::string>& homes, int type = 1) {
    Sql(absl::StrCat("INSERT INTO record (source, source_id, title, contributors, subjects, material_type,"
                     " search_text) VALUES ('test', '", key, "', '本 ", key, "', '', '', ", type, ", '')"));
    std::string id = One(absl::StrCat("SELECT id FROM record WHERE source = 'test' AND source_id = '", key, "'"));
    for (size_t i = 0; i < homes.size(); ++i) {
      Sql(absl::StrCat("INSERT INTO copy (barcode, record_id, home_library, current_library, material_type, status,"
                       " accession_date) VALUES ('", key, "-", i + 1, "', ", id, ", '", homes[i], "', '", homes[i],
                       "', ", type, ", 1, '2025-01-01')"));
    }
    return id;
  }

  // Patrons able to log in with password shiori01, numbers 1000001 … (the demo patron's hash copied), each with
  // a confirmed address.
  void AddPatrons(int n) {
    for (int i = 1; i <= n; ++i) {
      Sql(absl::StrCat("INSERT INTO patron (patron_number, category, name, name_kana, home_library, password_hash,"
                       " created_at) SELECT '", 1000000 + i, "', 1, 'テスト", i, "', 'テスト', 'main', password_hash,"
                       " created_at FROM patron WHERE patron_number = '0000001'"));
      GiveMailAddress(std::to_string(1000000 + i));
    }
  }

  Client Main() { return Staff("s0001", "staff001"); }
  Client Branch() { return Staff("s0002", "staff002"); }
  Client Patron(const std::string& number, const std::string& password, const TestServer* server = nullptr) {
    auto c = (server ? server : server_.get())->PatronClient(number, password);
    EXPECT_TRUE(c.ok()) << number << ": " << c.status();
    return c.ok() ? *c : server_->NewClient();
  }

  // A civil date as the API carries it (closures, openings).
  static google::type::Date ProtoDate(absl::CivilDay day) {
    google::type::Date out;
    out.set_year(static_cast<int>(day.year()));
    out.set_month(day.month());
    out.set_day(day.day());
    return out;
  }
  static absl::StatusOr<v1::Reservation> Reserve(Client& c, const std::string& record, const std::string& pickup,
                                                 v1::NotifyMethod notify = v1::EMAIL) {
    v1::PlaceReservationRequest req;
    req.set_record(record);
    req.set_pickup_library(pickup);
    req.set_notify_method(notify);
    return c.PlaceReservation(req);
  }
  static absl::StatusOr<v1::CheckoutResponse> Checkout(Client& staff, const std::string& patron,
                                                       const std::string& barcode, const std::string& at,
                                                       const std::string& request_id = "") {
    v1::CheckoutRequest req;
    req.set_patron_number(patron);
    req.set_barcode(barcode);
    req.set_library(at);
    req.set_request_id(request_id);
    return staff.Checkout(req);
  }
  static absl::StatusOr<v1::CopyRouting> Checkin(Client& staff, const std::string& barcode, const std::string& at) {
    v1::CheckinRequest req;
    req.set_barcode(barcode);
    req.set_library(at);
    return staff.Checkin(req);
  }
  static absl::StatusOr<v1::CopyRouting> Receive(Client& staff, const std::string& barcode, const std::string& at) {
    v1::ReceiveTransitRequest req;
    req.set_barcode(barcode);
    req.set_library(at);
    return staff.ReceiveTransit(req);
  }
  // The patron's reservation of the record (any state), as ListReservations shows it; state 0 when absent.
  static v1::Reservation Mine(Client& patron, const std::string& record) {
    auto listed = patron.ListReservations();
    EXPECT_TRUE(listed.ok()) << listed.status();
    if (listed.ok()) {
      for (const auto& r : listed->reservations()) {
        if (r.record() == absl::StrCat("records/", record)) return r;
      }
    }
    return v1::Reservation();
  }

};

}  // namespace shiori::testing

#endif  // SHIORI_TESTS_CIRCULATION_FIXTURE_H_
