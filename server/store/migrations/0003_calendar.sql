-- The libraries' calendars in the database (L1–L3), so that every server sees the closures staff enter.
-- The weekly, monthly and yearly rules and the opening hours stay in config/calendar.textproto; the database holds
-- one-off closures (蔵書点検 …), exceptional openings (臨時開館) and the imported national holiday table.

-- Written by every change of a library's calendar; a use case that computes a date from the calendar reads it
-- with a shared lock, so a closure and a due date computed at the same moment never miss each other.
ALTER TABLE library ADD COLUMN calendar_version BIGINT NOT NULL DEFAULT 0;

-- One-off closures (kind 1) and exceptional openings (kind 2), both inclusive day ranges in Asia/Tokyo.
CREATE TABLE calendar_exception (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  library_id VARCHAR(16) NOT NULL,
  kind TINYINT NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  reason VARCHAR(100) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  -- Set when removed; removed rows stay for the record.
  deleted_at DATETIME(6) NULL,
  deleted_by VARCHAR(64) NULL,
  -- What the creation moved (R11, B3), returned again to a retried request.
  moved_due_dates INT NOT NULL DEFAULT 0,
  moved_pickup_deadlines INT NOT NULL DEFAULT 0,
  request_id VARCHAR(64) NULL,
  UNIQUE KEY calendar_exception_request (request_id),
  KEY calendar_exception_library (library_id, deleted_at, start_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The government's holiday table (内閣府 syukujitsu.csv) as imported: for every year with a row here, these rows
-- are the whole truth for that year (L2). `batch` grows with each import, so servers notice a new table.
CREATE TABLE national_holiday (
  day DATE NOT NULL PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  batch BIGINT NOT NULL,
  imported_at DATETIME(6) NOT NULL,
  KEY national_holiday_batch (batch)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
