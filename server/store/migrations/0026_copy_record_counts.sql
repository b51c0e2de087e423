-- A title's copy counts (all copies, and those free on a shelf: status 1 and held for nobody) are read with
-- every search result and record. With reservation_id in the record index they come from the index alone.
ALTER TABLE copy DROP INDEX copy_record, ADD INDEX copy_record (record_id, status, reservation_id);
