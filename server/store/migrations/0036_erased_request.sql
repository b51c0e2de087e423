-- Request ids (AIP-155) of calls whose rows B6 erased: a fulfilled reservation is deleted when its loan is
-- returned without a reading history, and with it the only record of the id that placed it. A retry of that
-- call is told it was done, not run again as a new reservation. The ids alone: no patron, no title.
CREATE TABLE erased_request (
  request_id VARCHAR(64) NOT NULL PRIMARY KEY,
  erased_at DATETIME(6) NOT NULL
) ENGINE=InnoDB;
