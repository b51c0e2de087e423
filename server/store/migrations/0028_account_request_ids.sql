-- A retried registration or address change (the same request_id, AIP-155) must not mail a second link that
-- makes the first one stop working: the request id of the call that wrote the row is kept with it.
ALTER TABLE password_registration ADD COLUMN request_id VARCHAR(64) NULL;
ALTER TABLE patron_email ADD COLUMN request_id VARCHAR(64) NULL;
