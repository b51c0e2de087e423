-- Request ids (AIP-155) of desk scans that ended no loan — a copy from the pull list, a shelf or a hold shelf
-- checked in, a transit received. A scan that ends a loan keeps its id with the loan (loan.return_request_id);
-- these had none, so the same id at another desk was a new scan and could move the copy again. A retry answers
-- where the copy is now; the id on another copy, desk or kind of scan is REQUEST_ID_REUSED.
CREATE TABLE scan_request (
  request_id VARCHAR(64) NOT NULL PRIMARY KEY,
  kind TINYINT NOT NULL,
  copy_id BIGINT NOT NULL,
  library VARCHAR(32) NOT NULL,
  scanned_at DATETIME(6) NOT NULL
) ENGINE=InnoDB;
