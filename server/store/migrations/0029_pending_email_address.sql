-- P7: a new address given for a slot whose address is confirmed waits here, with the slot's token, until its
-- confirmation link is opened; the confirmed address stays in use (hold-ready mail goes on reaching the patron)
-- and is replaced only then. A slot with no confirmed address keeps its unconfirmed one in `address` as before.
ALTER TABLE patron_email ADD COLUMN pending_address VARCHAR(254) NULL;
