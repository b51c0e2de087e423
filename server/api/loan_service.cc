// See loan_service.h.
#include "server/api/loan_service.h"

#include "absl/strings/str_cat.h"
#include "server/api/call_guard.h"
#include "server/api/circulation_mapping.h"
#include "server/api/proto_mapping.h"
#include "server/app/checkin.h"
#include "server/app/loans.h"
#include "server/app/magazine_issues.h"
#include "server/common/error.h"

namespace shiori::api {
namespace {

constexpr char kPrefix[] = "/shiori.v1.LoanService/";

}  // namespace

grpc::Status LoanService::ListLoans(grpc::ServerContext* call, const v1::ListLoansRequest* req,
                                    v1::ListLoansResponse* resp) {
  return CallGuard(ctx_, call, absl::StrCat(kPrefix, "ListLoans"), *req, [&](const app::Caller& caller) -> absl::Status {
    // A patron's loans are one page (C4: at most 15 and 2).
    if (absl::Status s = CheckSinglePage(req->page_size(), req->page_token()); !s.ok()) return s;
    auto rows = app::ListLoans(ctx_, caller);
    if (!rows.ok()) return rows.status();
    const absl::CivilDay today = ctx_.clock->Today();
    for (const auto& l : *rows) {
      v1::Loan* loan = resp->add_loans();
      ToLoan(l.loan, ctx_.policy, today, loan);
      loan->set_renewal_refusal(ReasonOf(l.renewal));
    }
    return absl::OkStatus();
  });
}

grpc::Status LoanService::RenewLoan(grpc::ServerContext* call, const v1::RenewLoanRequest* req, v1::Loan* resp) {
  return CallGuard(ctx_, call, absl::StrCat(kPrefix, "RenewLoan"), *req, [&](const app::Caller& caller) -> absl::Status {
    auto id = ParseId(req->name(), "loans", "name");
    if (!id.ok()) return id.status();
    auto loan = app::RenewLoan(ctx_, caller, *id, req->request_id(), req->validate_only());
    if (!loan.ok()) return loan.status();
    ToLoan(*loan, ctx_.policy, ctx_.clock->Today(), resp);
    return absl::OkStatus();
  });
}

grpc::Status LoanService::ListReadingHistory(grpc::ServerContext* call, const v1::ListReadingHistoryRequest* req,
                                             v1::ListLoansResponse* resp) {
  return CallGuard(ctx_, call, absl::StrCat(kPrefix, "ListReadingHistory"), *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto page = app::ListReadingHistory(ctx_, caller, req->page_size(), req->page_token());
                     if (!page.ok()) return page.status();
                     const absl::CivilDay today = ctx_.clock->Today();
                     for (const auto& l : page->loans) ToLoan(l, ctx_.policy, today, resp->add_loans());
                     resp->set_next_page_token(page->next_page_token);
                     return absl::OkStatus();
                   });
}

grpc::Status LoanService::SetReadingHistory(grpc::ServerContext* call, const v1::SetReadingHistoryRequest* req,
                                            v1::ReadingHistorySetting* resp) {
  return CallGuard(ctx_, call, absl::StrCat(kPrefix, "SetReadingHistory"), *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto enabled = app::SetReadingHistory(ctx_, caller, req->enabled());
                     if (!enabled.ok()) return enabled.status();
                     resp->set_enabled(*enabled);
                     return absl::OkStatus();
                   });
}

grpc::Status LoanService::Checkout(grpc::ServerContext* call, const v1::CheckoutRequest* req,
                                   v1::CheckoutResponse* resp) {
  return CallGuard(ctx_, call, absl::StrCat(kPrefix, "Checkout"), *req, [&](const app::Caller& caller) -> absl::Status {
    app::CheckoutInput in;
    in.patron_number = req->patron_number();
    in.barcode = req->barcode();
    in.library = LibraryId(req->library());
    in.request_id = req->request_id();
    in.validate_only = req->validate_only();
    auto result = app::Checkout(ctx_, caller, in);
    if (!result.ok()) return result.status();
    ToLoan(result->loan, ctx_.policy, ctx_.clock->Today(), resp->mutable_loan());
    if (result->fulfilled_reservation > 0) {
      resp->set_fulfilled_reservation(absl::StrCat("reservations/", result->fulfilled_reservation));
    }
    resp->set_already_on_loan(result->already_on_loan);
    return absl::OkStatus();
  });
}

grpc::Status LoanService::Checkin(grpc::ServerContext* call, const v1::CheckinRequest* req, v1::CopyRouting* resp) {
  return CallGuard(ctx_, call, absl::StrCat(kPrefix, "Checkin"), *req, [&](const app::Caller& caller) -> absl::Status {
    auto result = app::Checkin(ctx_, caller, req->barcode(), LibraryId(req->library()), req->request_id());
    if (!result.ok()) return result.status();
    ToCopyRouting(*result, ctx_.policy, ctx_.clock->Today(), resp);
    return absl::OkStatus();
  });
}

grpc::Status LoanService::ReceiveTransit(grpc::ServerContext* call, const v1::ReceiveTransitRequest* req,
                                         v1::CopyRouting* resp) {
  return CallGuard(ctx_, call, absl::StrCat(kPrefix, "ReceiveTransit"), *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     auto result = app::ReceiveTransit(ctx_, caller, req->barcode(), LibraryId(req->library()),
                                                         req->request_id());
                     if (!result.ok()) return result.status();
                     ToCopyRouting(*result, ctx_.policy, ctx_.clock->Today(), resp);
                     return absl::OkStatus();
                   });
}

grpc::Status LoanService::ForceReturn(grpc::ServerContext* call, const v1::ForceReturnRequest* req,
                                      v1::CopyRouting* resp) {
  return CallGuard(ctx_, call, absl::StrCat(kPrefix, "ForceReturn"), *req, [&](const app::Caller& caller) -> absl::Status {
    auto result = app::ForceReturn(ctx_, caller, req->barcode(), LibraryId(req->library()), req->reason(),
                                   req->request_id());
    if (!result.ok()) return result.status();
    ToCopyRouting(*result, ctx_.policy, ctx_.clock->Today(), resp);
    return absl::OkStatus();
  });
}

grpc::Status LoanService::ReceiveMagazineIssue(grpc::ServerContext* call, const v1::ReceiveMagazineIssueRequest* req,
                                               v1::MagazineIssueReceived* resp) {
  return CallGuard(ctx_, call, absl::StrCat(kPrefix, "ReceiveMagazineIssue"), *req,
                   [&](const app::Caller& caller) -> absl::Status {
                     app::MagazineIssueInput in;
                     in.series_title = req->series_title();
                     in.issue_number = req->issue_number();
                     in.title = req->title();
                     in.barcode = req->barcode();
                     in.library = LibraryId(req->library());
                     in.request_id = req->request_id();
                     auto result = app::ReceiveMagazineIssue(ctx_, caller, in);
                     if (!result.ok()) return result.status();
                     resp->set_record(absl::StrCat("records/", result->record_id));
                     if (result->former_latest_record_id > 0) {
                       resp->set_former_latest_record(absl::StrCat("records/", result->former_latest_record_id));
                     }
                     resp->set_former_latest_waiting(result->former_latest_waiting);
                     return absl::OkStatus();
                   });
}

}  // namespace shiori::api
