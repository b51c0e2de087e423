-- Idempotent patron registration at the desk: the request_id of the CreatePatron call that made the row, so a
-- retried call returns the same patron instead of issuing a second number.
ALTER TABLE patron ADD COLUMN create_request_id VARCHAR(64) NULL;
CREATE UNIQUE INDEX patron_create_request ON patron (create_request_id);
