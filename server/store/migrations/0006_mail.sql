-- Mail (M1): the outbox claim looks in two index ranges, due pending rows (outbox_pending) and rows whose
-- sender's lease ran out (this one).
CREATE INDEX outbox_lease ON outbox (state, claimed_until);
