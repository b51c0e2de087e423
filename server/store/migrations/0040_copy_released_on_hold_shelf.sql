-- A copy whose hold ended (expired, cancelled, or the patron took another copy) while it stood on a hold shelf
-- is free at once (R12, R14), but it is still on that shelf: the desk's hold-shelf list names it until staff
-- scan it or it moves, so that it goes back to the open shelves (it was shown 在架 where nobody could find it).
ALTER TABLE copy ADD COLUMN left_on_hold_shelf_at DATETIME(6) NULL,
  ADD INDEX copy_left_on_hold_shelf (current_library, left_on_hold_shelf_at);
