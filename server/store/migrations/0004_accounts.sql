-- Patron accounts (P4, P7, P10): pending password registrations, mail addresses, the hold-notice choice,
-- service accounts of other municipal systems and the patron number counter.

-- P4: a password waiting for its confirmation mail. One per patron: a second registration replaces the first,
-- so the first mail's link stops working. Only hashes are stored: the token's SHA-256 and the Argon2id hash.
CREATE TABLE password_registration (
  patron_id BIGINT NOT NULL PRIMARY KEY,
  token_hash CHAR(64) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  email VARCHAR(254) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  UNIQUE KEY password_registration_token (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- P7: メールアドレス1 and 2. An address is used only once confirmed; until then it carries its token.
CREATE TABLE patron_email (
  patron_id BIGINT NOT NULL,
  slot TINYINT NOT NULL,
  address VARCHAR(254) NOT NULL,
  confirmed_at DATETIME(6) NULL,
  token_hash CHAR(64) NULL,
  token_expires_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (patron_id, slot),
  UNIQUE KEY patron_email_token (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- How the patron wants hold-ready notices (R2, R10, P7): 0 not chosen yet, 1 mail to hold_notice_slot,
-- 2 telephone.
ALTER TABLE patron ADD COLUMN hold_notice_method TINYINT NOT NULL DEFAULT 0;
ALTER TABLE patron ADD COLUMN hold_notice_slot TINYINT NULL;
ALTER TABLE patron ADD COLUMN updated_at DATETIME(6) NULL;

-- P10: other municipal systems. They authenticate by an API key (only its SHA-256 is stored) or by the common
-- name of their TLS client certificate, and may call only the methods their scopes name.
CREATE TABLE service_account (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  api_key_hash CHAR(64) NULL,
  cert_common_name VARCHAR(190) NULL,
  -- Comma-separated, e.g. "patrons.read,catalog.read".
  scopes TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY service_account_name (name),
  UNIQUE KEY service_account_key (api_key_hash),
  UNIQUE KEY service_account_cn (cert_common_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The last patron number the server issued (P10: staff register patrons, the server picks the number).
-- Written by every issue, so two desks never get the same number.
CREATE TABLE patron_number_counter (
  id TINYINT NOT NULL PRIMARY KEY,
  last_number BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO patron_number_counter (id, last_number) VALUES (1, 0);

CREATE INDEX audit_actor ON audit_log (actor, at);
