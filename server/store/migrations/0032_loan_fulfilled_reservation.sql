-- B6: the reservation a loan fulfilled. Once the loan is returned (and the patron keeps no reading history),
-- the fulfilled reservation goes too: with the patron, the title and the day it was collected it would be the
-- reading record that the loan itself no longer keeps.
ALTER TABLE loan ADD COLUMN fulfilled_reservation_id BIGINT NULL;
