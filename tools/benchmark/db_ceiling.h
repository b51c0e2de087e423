// The database ceilings: the SQL statements that one PlaceReservation RPC executes — the session look-up of
// app::Authenticate (and its touch of the session when due, every 30 seconds of use), then the transaction of
// app::PlaceReservation (server/app/reservations.cc) — and those of
// one Checkin (server/app/checkin.cc, a copy returned at home with nobody waiting), issued
// straight through the server's own store layer (server/store: Connector/C++, prepared statements, the same
// pool and transaction code), with no gRPC, no policy and no protobuf. With as many threads as the benchmark has
// clients and the same durability, its throughput is what MariaDB on this machine allows for that work.
//
// Keep these in step with reservations.cc and checkin.cc: the benchmark checks, with MariaDB's general log, that
// one call here and one real RPC execute the same number of statements, and says so when they differ.
#ifndef SHIORI_TOOLS_BENCHMARK_DB_CEILING_H_
#define SHIORI_TOOLS_BENCHMARK_DB_CEILING_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "server/store/database.h"

namespace shiori::bench {

// One PlaceReservation's SQL for the patron of session `token_hash` (patron row `patron_id`) on `record_id`,
// with a fresh request id. Returns the store's status (ALREADY_EXISTS when the patron already has the title).
absl::Status PlaceReservationSql(store::Database& db, const std::string& token_hash, int64_t patron_id,
                                 int64_t record_id, const std::string& request_id);

// Ends what the PlaceReservation ceiling left: its reservations (request ids "ceiling-…") are deleted and their
// patrons' counters brought back, so that the later rows see the titles as without that row (a title someone
// waits for is not lent from the shelf, R9, nor renewed, B2).
absl::Status ClearCeilingReservations(store::Database& db);

// One Checkin's SQL for the desk session `token_hash`: the copy `barcode`, on loan, returned at `library`,
// with a fresh request id (kept with the loan, as the SDK's Checkin does).
absl::Status CheckinSql(store::Database& db, const std::string& token_hash, const std::string& barcode,
                        const std::string& library, const std::string& request_id);

// The cheapest durable transaction — START TRANSACTION, an UPDATE of one row of a table of its own, COMMIT —
// through the same store layer, by client `client` on its own row. No operation's ceiling: the floor under
// every desk call's commit, which shows what durability alone allows on this machine at the same concurrency.
// PrepareCommitFloor creates the table with one row per client.
absl::Status PrepareCommitFloor(store::Database& db, int clients);
absl::Status CommitFloorSql(store::Database& db, int client);

}  // namespace shiori::bench

#endif  // SHIORI_TOOLS_BENCHMARK_DB_CEILING_H_
