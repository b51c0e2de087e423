-- The first schema: libraries, the catalogue, patrons and staff, sessions, reservations, loans, the outbox and
-- the audit log. Text is utf8mb4 with a binary collation: the application normalises text itself (C2).
-- Times are UTC DATETIME(6); due dates and deadlines are DATE in Asia/Tokyo (L3).

CREATE TABLE library (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  display_name VARCHAR(64) NOT NULL,
  display_name_en VARCHAR(64) NOT NULL,
  pickup_location BOOLEAN NOT NULL DEFAULT TRUE,
  sort_order INT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE record (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  source VARCHAR(16) NOT NULL,
  source_id VARCHAR(64) NOT NULL,
  title VARCHAR(1000) NOT NULL,
  title_kana VARCHAR(1000) NOT NULL DEFAULT '',
  subtitle VARCHAR(1000) NOT NULL DEFAULT '',
  responsibility VARCHAR(1000) NOT NULL DEFAULT '',
  -- One line per person: role TAB name TAB kana.
  contributors TEXT NOT NULL,
  publisher VARCHAR(500) NOT NULL DEFAULT '',
  publication_year INT NOT NULL DEFAULT 0,
  isbn VARCHAR(20) NOT NULL DEFAULT '',
  ndc VARCHAR(20) NOT NULL DEFAULT '',
  -- One subject a line.
  subjects TEXT NOT NULL,
  material_type TINYINT NOT NULL,
  series_title VARCHAR(500) NOT NULL DEFAULT '',
  issue_number INT NOT NULL DEFAULT 0,
  latest_issue BOOLEAN NOT NULL DEFAULT FALSE,
  -- Normalised title, names, subjects … for word search (C2).
  search_text MEDIUMTEXT NOT NULL,
  -- The last queue number handed out for this title (R8); written by every placement, so it also
  -- serialises placements on one title across servers.
  queue_tail BIGINT NOT NULL DEFAULT 0,
  UNIQUE KEY record_source (source, source_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE copy (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  barcode VARCHAR(32) NOT NULL,
  record_id BIGINT NOT NULL,
  home_library VARCHAR(16) NOT NULL,
  -- Where the copy is, or where it is travelling to while in transit.
  current_library VARCHAR(16) NOT NULL,
  material_type TINYINT NOT NULL,
  -- 1 on the shelf, 2 on loan, 3 in transit, 4 on the hold shelf.
  status TINYINT NOT NULL DEFAULT 1,
  -- While in transit: the library it was sent from.
  transit_from VARCHAR(16) NULL,
  -- The reservation this copy is secured for or travelling for (R9: one copy fills one reservation).
  reservation_id BIGINT NULL,
  accession_date DATE NOT NULL,
  UNIQUE KEY copy_barcode (barcode),
  UNIQUE KEY copy_reservation (reservation_id),
  KEY copy_record (record_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE patron (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  patron_number VARCHAR(16) NOT NULL,
  -- shiori.v1.PatronCategory
  category TINYINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  name_kana VARCHAR(200) NOT NULL,
  address VARCHAR(500) NOT NULL DEFAULT '',
  phone VARCHAR(40) NOT NULL DEFAULT '',
  home_library VARCHAR(16) NOT NULL,
  password_hash VARCHAR(255) NULL,
  -- Reservations in the states the policy counts (R3). Changed in the same transaction as the reservation,
  -- under a conditional UPDATE, so the limit holds across concurrent calls and servers.
  active_reservations INT NOT NULL DEFAULT 0,
  blocked BOOLEAN NOT NULL DEFAULT FALSE,
  reading_history BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY patron_number (patron_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE staff (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  staff_id VARCHAR(32) NOT NULL,
  name VARCHAR(200) NOT NULL,
  password_hash VARCHAR(255) NULL,
  is_admin BOOLEAN NOT NULL DEFAULT FALSE,
  UNIQUE KEY staff_id (staff_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE staff_library (
  staff_id BIGINT NOT NULL,
  library_id VARCHAR(16) NOT NULL,
  PRIMARY KEY (staff_id, library_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE session (
  token_hash CHAR(64) NOT NULL PRIMARY KEY,
  -- 1 patron, 2 staff
  subject_kind TINYINT NOT NULL,
  subject_id BIGINT NOT NULL,
  -- shiori.v1.Channel
  channel TINYINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  last_seen_at DATETIME(6) NOT NULL,
  ended_at DATETIME(6) NULL,
  KEY session_subject (subject_kind, subject_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Failed logins per account (P9), keyed by what was typed ("patron:0000001", "staff:s0001"), so an unknown
-- number is treated exactly like a known one and one account never locks another.
CREATE TABLE login_guard (
  account_key VARCHAR(80) NOT NULL PRIMARY KEY,
  -- Recent failures as comma-separated Unix microseconds.
  failures TEXT NOT NULL,
  locked_until DATETIME(6) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE reservation (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  patron_id BIGINT NOT NULL,
  record_id BIGINT NOT NULL,
  pickup_library VARCHAR(16) NOT NULL,
  notify_method TINYINT NOT NULL,
  channel TINYINT NOT NULL,
  -- shiori.v1.ReservationState
  state TINYINT NOT NULL,
  -- Place in the title's queue (R8): from record.queue_tail, so first come first served.
  queue_number BIGINT NOT NULL,
  copy_id BIGINT NULL,
  created_at DATETIME(6) NOT NULL,
  secured_at DATETIME(6) NULL,
  pickup_deadline DATE NULL,
  ended_at DATETIME(6) NULL,
  notice_failed BOOLEAN NOT NULL DEFAULT FALSE,
  request_id VARCHAR(64) NULL,
  -- R7: one active reservation per patron and title, enforced by the unique key below.
  active_record_id BIGINT AS (IF(state IN (1, 2, 3), record_id, NULL)) PERSISTENT,
  UNIQUE KEY reservation_active (patron_id, active_record_id),
  UNIQUE KEY reservation_request (patron_id, request_id),
  KEY reservation_queue (record_id, state, queue_number),
  KEY reservation_patron (patron_id, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE loan (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  copy_id BIGINT NOT NULL,
  -- NULL once returned, unless the patron keeps a reading history (B6).
  patron_id BIGINT NULL,
  record_id BIGINT NOT NULL,
  library VARCHAR(16) NOT NULL,
  loaned_at DATETIME(6) NOT NULL,
  due_date DATE NOT NULL,
  renewals INT NOT NULL DEFAULT 0,
  returned_at DATETIME(6) NULL,
  keep_history BOOLEAN NOT NULL DEFAULT FALSE,
  request_id VARCHAR(64) NULL,
  -- One open loan per copy.
  open_copy_id BIGINT AS (IF(returned_at IS NULL, copy_id, NULL)) PERSISTENT,
  UNIQUE KEY loan_open_copy (open_copy_id),
  UNIQUE KEY loan_request (request_id),
  KEY loan_patron (patron_id, returned_at),
  KEY loan_record (record_id, returned_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE outbox (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- One event, one row (M1): e.g. ready:<reservation>:<secured-at>.
  dedupe_key VARCHAR(190) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  recipient VARCHAR(320) NOT NULL,
  template VARCHAR(64) NOT NULL,
  -- JSON object of template values.
  params TEXT NOT NULL,
  reservation_id BIGINT NULL,
  -- 1 pending, 2 sending, 3 sent, 4 failed
  state TINYINT NOT NULL DEFAULT 1,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  claimed_by VARCHAR(64) NULL,
  claimed_until DATETIME(6) NULL,
  last_error TEXT NULL,
  created_at DATETIME(6) NOT NULL,
  sent_at DATETIME(6) NULL,
  UNIQUE KEY outbox_dedupe (dedupe_key),
  KEY outbox_pending (state, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(64) NOT NULL,
  action VARCHAR(64) NOT NULL,
  target VARCHAR(128) NOT NULL DEFAULT '',
  detail TEXT NOT NULL,
  peer VARCHAR(128) NOT NULL DEFAULT '',
  KEY audit_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
