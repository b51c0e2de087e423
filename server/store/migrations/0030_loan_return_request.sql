-- The request id (AIP-155) of the check-in or forced return that ended a loan, kept with the loan: a retry of
-- that call answers with the loan it returned (a late return stays late in the answer), and the same id sent
-- for another copy is refused. Unique, named *_request: two copies of one call are one call.
ALTER TABLE loan ADD COLUMN return_request_id VARCHAR(64) NULL;
CREATE UNIQUE INDEX loan_return_request ON loan (return_request_id);
