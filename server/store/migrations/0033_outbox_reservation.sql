-- B6: the mails about a reservation (its ready notice: recipient, name, title) are deleted with the reservation
-- when it is forgotten; this finds them.
CREATE INDEX outbox_reservation ON outbox (reservation_id);
