-- A reservation's request id names one call, whoever sends it: unique on its own, so that two patrons (or the
-- counter for two) sending one id at the same moment place one reservation, the other call being refused with
-- REQUEST_ID_REUSED (with (patron_id, request_id) unique, both were placed). An id that two reservations share
-- already, from before, stays with the older one.
UPDATE reservation r
  JOIN (SELECT request_id, MIN(id) AS kept FROM reservation WHERE request_id IS NOT NULL
        GROUP BY request_id HAVING COUNT(*) > 1) shared ON shared.request_id = r.request_id
  SET r.request_id = NULL
  WHERE r.id <> shared.kept;
ALTER TABLE reservation DROP INDEX reservation_request, DROP INDEX reservation_request_id,
  ADD UNIQUE KEY reservation_request (request_id);
