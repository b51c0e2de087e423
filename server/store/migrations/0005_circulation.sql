-- Circulation (B1–B6, R9–R14): the call-list mark (R10), who resolved a loan by force (B5), and indexes for
-- the desk's lists (pull list, hold shelf, transits) and the expiry job (R12).

ALTER TABLE reservation
  ADD COLUMN called_at DATETIME(6) NULL,
  ADD COLUMN called_by VARCHAR(64) NULL,
  ADD KEY reservation_shelf (state, pickup_library, pickup_deadline);

ALTER TABLE loan
  ADD COLUMN returned_library VARCHAR(16) NULL,
  ADD COLUMN forced_reason VARCHAR(500) NULL,
  -- The request id of the renewal (B2), so a retried renewal returns the renewed loan.
  ADD COLUMN renew_request_id VARCHAR(64) NULL;

ALTER TABLE copy
  ADD KEY copy_place (current_library, status);
