// See workloads.h.
#include "tools/benchmark/workloads.h"

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace shiori::bench {
namespace {

constexpr int kReservationLimit = 10;  // R3
constexpr int kLoanLimit = 15;         // C4: books

// Copies the desk can lend to anyone without hitting the audio-visual limit (C4) or a not-for-loan type (C3).
bool LendableBook(int64_t record_id) {
  switch (MaterialOf(record_id)) {
    case v1::GENERAL_BOOK:
    case v1::CHILDREN_BOOK:
    case v1::FOREIGN_BOOK:
    case v1::MAGAZINE:
    case v1::MANGA:
      return true;
    default:
      return false;
  }
}

uint64_t Draw(uint64_t salt, int c, int64_t n) { return Mix(salt, (static_cast<uint64_t>(c) << 40) ^ n); }

}  // namespace

uint64_t SearchDraw(int c, int64_t n) { return Draw(1, c, n); }

std::shared_ptr<grpc::Channel> OwnChannel(const std::string& address) {
  grpc::ChannelArguments args;
  // Without this, channels with equal arguments share one connection (a global subchannel pool).
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

int64_t Workloads::ReservableRecord(int c, int64_t n) const {
  for (uint64_t k = 0;; ++k) {
    int64_t id = 1 + static_cast<int64_t>(Draw(1000 + k, c, n) % size_.titles);
    if (ReservableTitle(id)) return id;
  }
}

absl::Status Workloads::Health(int c, int64_t) {
  auto stub = grpc::health::v1::Health::NewStub(clients_[c].channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status s = stub->Check(&context, request, &response);
  if (!s.ok()) return absl::UnavailableError(s.error_message());
  if (response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
    return absl::UnavailableError("not serving");
  }
  return absl::OkStatus();
}

absl::Status Workloads::SearchCatalog(int c, int64_t n) {
  v1::SearchCatalogRequest request;
  request.set_query(MakeQuery(pool_, size_.titles, SearchDraw(c, n)));
  request.set_page_size(20);
  clients_[c].client->set_session_token("");  // browsing the catalogue anonymously (C1)
  return clients_[c].client->SearchCatalog(request).status();
}

absl::Status Workloads::GetRecord(int c, int64_t n) {
  v1::GetRecordRequest request;
  request.set_name(absl::StrCat("records/", 1 + Draw(2, c, n) % size_.titles));
  clients_[c].client->set_session_token("");
  return clients_[c].client->GetRecord(request).status();
}

absl::Status Workloads::Login(int c, int64_t n) {
  v1::LoginRequest request;
  request.set_patron_number(PatronNumberOf(1 + static_cast<int64_t>(Draw(3, c, n) % size_.patrons)));
  request.set_password(kBenchPassword);
  return clients_[c].client->Login(request).status();
}

absl::Status Workloads::ListReservations(int c, int64_t n) {
  ClientState& cs = clients_[c];
  if (cs.mix_sessions.empty()) return absl::OutOfRangeError("no patrons");
  cs.client->set_session_token(cs.mix_sessions[Draw(4, c, n) % cs.mix_sessions.size()].token);
  return cs.client->ListReservations().status();
}

absl::Status Workloads::Place(ClientState& cs, const BenchSession& s, int64_t record,
                              std::vector<PlacedReservation>* out) {
  cs.client->set_session_token(s.token);
  v1::PlaceReservationRequest request;
  request.set_record(absl::StrCat("records/", record));
  request.set_pickup_library(record % 2 ? "main" : "branch");
  request.set_notify_method(v1::EMAIL);
  auto placed = cs.client->PlaceReservation(request);
  if (!placed.ok()) return placed.status();
  out->push_back({s.token, placed->name()});
  return absl::OkStatus();
}

absl::Status Workloads::PlaceReservation(int c, int64_t n) {
  ClientState& cs = clients_[c];
  const int64_t patrons = static_cast<int64_t>(cs.place_sessions.size());
  if (patrons == 0 || n / patrons >= kReservationLimit) return absl::OutOfRangeError("every patron is at R3");
  return Place(cs, cs.place_sessions[n % patrons], ReservableRecord(c, n), &cs.placed);
}

absl::Status Workloads::Cancel(ClientState& cs, std::vector<PlacedReservation>& from) {
  if (from.empty()) return absl::OutOfRangeError("nothing left to cancel");
  PlacedReservation r = std::move(from.back());
  from.pop_back();
  cs.client->set_session_token(r.token);
  v1::CancelReservationRequest request;
  request.set_name(r.name);
  return cs.client->CancelReservation(request).status();
}

absl::Status Workloads::CancelReservation(int c, int64_t) { return Cancel(clients_[c], clients_[c].placed); }

absl::Status Workloads::Lend(int c, const BenchSession& borrower, std::vector<HeldLoan>* out) {
  ClientState& cs = clients_[c];
  const int clients = static_cast<int>(clients_.size());
  GeneratedCopy copy;
  do {
    copy = MakeCopy(size_, c + 1 + cs.next_copy++ * clients);
    if (copy.id > size_.copies) return absl::OutOfRangeError("no copies left");
  } while (!LendableBook(copy.record_id));
  cs.client->set_session_token(cs.staff_token);
  v1::CheckoutRequest request;
  request.set_patron_number(PatronNumberOf(borrower.patron_id));
  request.set_barcode(copy.barcode);
  request.set_library(copy.library);
  auto lent = cs.client->Checkout(request);
  if (!lent.ok()) return lent.status();
  out->push_back({copy.barcode, copy.library, copy.record_id, lent->loan().name(), borrower.token});
  return absl::OkStatus();
}

absl::Status Workloads::Checkout(int c, int64_t) {
  ClientState& cs = clients_[c];
  const int64_t n = cs.checkouts++;
  const int64_t borrowers = static_cast<int64_t>(cs.loan_sessions.size());
  if (borrowers == 0 || n / borrowers >= kLoanLimit) return absl::OutOfRangeError("every borrower is at C4");
  return Lend(c, cs.loan_sessions[n % borrowers], &cs.loans);
}

absl::Status Workloads::RenewLoan(int c, int64_t) {
  ClientState& cs = clients_[c];
  if (cs.renewed >= cs.loans.size()) return absl::OutOfRangeError("all renewed");
  const HeldLoan& loan = cs.loans[cs.renewed++];
  cs.client->set_session_token(loan.patron_token);
  v1::RenewLoanRequest request;
  request.set_name(loan.loan_name);
  return cs.client->RenewLoan(request).status();
}

absl::Status Workloads::LendMore(int c, int64_t n) {
  ClientState& cs = clients_[c];
  if (n == 0) cs.loans_wanted = 3 * cs.loans.size();
  if (cs.loans.size() >= cs.loans_wanted) return absl::OutOfRangeError("done");
  return Checkout(c, n);
}

absl::Status Workloads::PrepareWaitingReturns(int c, int64_t n) {
  ClientState& cs = clients_[c];
  if (n == 0) {
    // A third each: checked in with nobody waiting, with a reservation waiting, and by the Checkin ceiling.
    const size_t third = cs.loans.size() / 3;
    cs.return_plain.assign(cs.loans.begin(), cs.loans.begin() + third);
    cs.return_ceiling.assign(cs.loans.begin() + third, cs.loans.begin() + 2 * third);
    cs.return_waiting.assign(cs.loans.begin() + 2 * third, cs.loans.end());
    cs.loans.clear();
  }
  if (n >= static_cast<int64_t>(cs.return_waiting.size()) || cs.place_sessions.empty()) {
    return absl::OutOfRangeError("done");
  }
  const HeldLoan& loan = cs.return_waiting[n];
  const BenchSession& s = cs.place_sessions[n % cs.place_sessions.size()];
  cs.client->set_session_token(s.token);
  v1::PlaceReservationRequest request;
  request.set_record(absl::StrCat("records/", loan.record_id));
  request.set_pickup_library(loan.library);
  request.set_notify_method(v1::EMAIL);  // a ready notice is written when the copy comes back
  return cs.client->PlaceReservation(request).status();
}

absl::Status Workloads::Return(ClientState& cs, std::vector<HeldLoan>& from) {
  if (from.empty()) return absl::OutOfRangeError("nothing on loan");
  HeldLoan loan = std::move(from.back());
  from.pop_back();
  cs.client->set_session_token(cs.staff_token);
  v1::CheckinRequest request;
  request.set_barcode(loan.barcode);
  request.set_library(loan.library);
  return cs.client->Checkin(request).status();
}

absl::Status Workloads::CheckinPlain(int c, int64_t) { return Return(clients_[c], clients_[c].return_plain); }
absl::Status Workloads::CheckinWaiting(int c, int64_t) { return Return(clients_[c], clients_[c].return_waiting); }
absl::Status Workloads::CheckinLent(int c, int64_t) { return Return(clients_[c], clients_[c].loans); }

absl::Status Workloads::DeskDay(int c, int64_t n) {
  ClientState& cs = clients_[c];
  const uint64_t p = Draw(5, c, n) % 100;
  if (p < 30) return SearchCatalog(c, n);
  if (p < 55) return GetRecord(c, n);
  if (p < 65) return ListReservations(c, n);
  if (p < 75) {
    if (cs.mix_sessions.empty()) return SearchCatalog(c, n);
    const BenchSession& s = cs.mix_sessions[Draw(6, c, n) % cs.mix_sessions.size()];
    return Place(cs, s, ReservableRecord(c, n + (1LL << 32)), &cs.mix_placed);
  }
  if (p < 80) {
    if (cs.mix_placed.empty()) return SearchCatalog(c, n);
    // Cancel a random one, so the patrons' counts stay below the limit.
    std::swap(cs.mix_placed[Draw(7, c, n) % cs.mix_placed.size()], cs.mix_placed.back());
    return Cancel(cs, cs.mix_placed);
  }
  if (p < 85) return Login(c, n);
  if (p < 93 || cs.mix_loans.empty()) {
    if (cs.mix_sessions.empty()) return SearchCatalog(c, n);
    absl::Status lent = Lend(c, cs.mix_sessions[Draw(8, c, n) % cs.mix_sessions.size()], &cs.mix_loans);
    return lent.code() == absl::StatusCode::kOutOfRange ? SearchCatalog(c, n) : lent;
  }
  return Return(cs, cs.mix_loans);
}

}  // namespace shiori::bench
