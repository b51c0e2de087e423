// The operations the benchmark's clients perform, on the SDK (one shiori::Client and one channel per client,
// as separate desks and browsers would have): each is an Operation for RunClosedLoop. The patrons used for
// reservations are logged in beforehand (BenchSession); each client has its own, so clients never queue on one
// patron's row, and each patron places at most the R3 limit of 10.
//
// The desk day mix, per 100 calls: 30 SearchCatalog, 25 GetRecord, 10 ListReservations, 10 PlaceReservation,
// 5 CancelReservation (of one placed earlier in the mix; a search when there is none), 5 Login — and, at the
// desk, 8 Checkout and 7 Checkin (of a copy lent earlier in the mix; a Checkout when there is none).
#ifndef SHIORI_TOOLS_BENCHMARK_WORKLOADS_H_
#define SHIORI_TOOLS_BENCHMARK_WORKLOADS_H_

#include <memory>
#include <string>
#include <vector>

#include "shiori/client.h"
#include "tools/benchmark/closed_loop.h"
#include "tools/benchmark/dataset.h"
#include "tools/benchmark/dataset_loader.h"
#include "tools/benchmark/word_pool.h"

namespace grpc {
class Channel;
}  // namespace grpc

namespace shiori::bench {

// A reservation placed by the benchmark, with the session of the patron who placed it.
struct PlacedReservation {
  std::string token;
  std::string name;  // reservations/ID
};

// A loan made by the benchmark's Checkout.
struct HeldLoan {
  std::string barcode;
  std::string library;
  int64_t record_id = 0;
  std::string loan_name;     // loans/ID
  std::string patron_token;  // the borrower's session
};

struct ClientState {
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<Client> client;
  std::vector<BenchSession> place_sessions;  // for PlaceReservation and CancelReservation
  std::vector<BenchSession> mix_sessions;    // for the desk day
  std::vector<BenchSession> ceiling_sessions;
  std::vector<PlacedReservation> placed;     // placed by PlaceReservation, cancelled by CancelReservation
  std::vector<PlacedReservation> mix_placed;
  std::string staff_token;                  // a desk session (both libraries)
  std::vector<BenchSession> loan_sessions;  // borrowers
  int64_t next_copy = 0;                    // this client's copies are c+1, c+1+clients, …
  int64_t checkouts = 0;                    // Checkout calls made (they pick the borrower in turn)
  size_t loans_wanted = 0;                  // LendMore's target
  std::vector<HeldLoan> loans;              // checked out, not yet renewed or returned
  size_t renewed = 0;                       // loans[0, renewed) were renewed
  std::vector<HeldLoan> return_plain;       // to check in: no reservation waits for the title
  std::vector<HeldLoan> return_waiting;     // to check in: a reservation waits for the title
  std::vector<HeldLoan> return_ceiling;     // to check in by the database ceiling of Checkin
  std::vector<HeldLoan> mix_loans;
};

// The draw behind client c's n-th SearchCatalog query (MakeQuery), so that a run's queries can be listed.
uint64_t SearchDraw(int c, int64_t n);

class Workloads {
 public:
  Workloads(const WordPool& pool, const DatasetSize& size, std::vector<ClientState>& clients)
      : pool_(pool), size_(size), clients_(clients) {}

  absl::Status Health(int c, int64_t n);
  absl::Status SearchCatalog(int c, int64_t n);
  absl::Status GetRecord(int c, int64_t n);
  absl::Status Login(int c, int64_t n);
  absl::Status ListReservations(int c, int64_t n);
  // OUT_OF_RANGE once every patron of the client holds 10 reservations.
  absl::Status PlaceReservation(int c, int64_t n);
  // OUT_OF_RANGE once everything the client placed is cancelled.
  absl::Status CancelReservation(int c, int64_t n);
  absl::Status DeskDay(int c, int64_t n);
  // OUT_OF_RANGE once the client's borrowers are at their loan limit or its copies are all lent.
  absl::Status Checkout(int c, int64_t n);
  // OUT_OF_RANGE once every loan of the client was renewed.
  absl::Status RenewLoan(int c, int64_t n);
  // Lends more copies, not measured, until the client holds three times the loans it had at the first call
  // (those of the Checkout row), so that each of the three Checkin rows has as much to work through as Checkout
  // had: a short row is a noisy one. OUT_OF_RANGE when done, or when Checkout is.
  absl::Status LendMore(int c, int64_t n);
  // Splits the client's loans into thirds and places a reservation (pickup at the lending library) on the
  // title of each loan of the last third; not measured. OUT_OF_RANGE when done.
  absl::Status PrepareWaitingReturns(int c, int64_t n);
  // OUT_OF_RANGE once the list is empty.
  absl::Status CheckinPlain(int c, int64_t n);
  absl::Status CheckinWaiting(int c, int64_t n);
  // Returns the loans the client made since the Checkin rows split them (the paced Checkout's), newest first.
  absl::Status CheckinLent(int c, int64_t n);

  // A reservable title (R4) drawn from (c, n).
  int64_t ReservableRecord(int c, int64_t n) const;

 private:
  absl::Status Place(ClientState& cs, const BenchSession& s, int64_t record, std::vector<PlacedReservation>* out);
  absl::Status Cancel(ClientState& cs, std::vector<PlacedReservation>& from);
  absl::Status Lend(int c, const BenchSession& borrower, std::vector<HeldLoan>* out);
  absl::Status Return(ClientState& cs, std::vector<HeldLoan>& from);

  const WordPool& pool_;
  DatasetSize size_;
  std::vector<ClientState>& clients_;
};

// A channel to `address` of its own (not shared with other channels of the process).
std::shared_ptr<grpc::Channel> OwnChannel(const std::string& address);

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_WORKLOADS_H_
