-- A reservation's request id names one call whoever sends it again: a retry by another patron (or by staff at
-- the counter for another patron) is REQUEST_ID_REUSED, not a second reservation. This finds the id without
-- the patron; the unique key (patron_id, request_id) stays.
CREATE INDEX reservation_request_id ON reservation (request_id);
