-- The catalogue's word index (rule C2): one row per distinct character and character pair ("gram") of a
-- record's normalised search_text, encoded by server/store/word_grams.h. Keyed by (gram, record_id), so the
-- records having a gram are read in record order and a search stops as soon as it has its page. Written in the record's transaction
-- (InnoDB), so it is never out of step with `record`; the migrations fill it for records already there
-- (server/store/migrations.cc; IF NOT EXISTS, so that a fill cut short is resumed by the next start), and
-- `shiori-admin catalog reindex` adds what it lacks.
CREATE TABLE IF NOT EXISTS record_gram (
  gram BIGINT NOT NULL,
  record_id BIGINT NOT NULL,
  PRIMARY KEY (gram, record_id)
) ENGINE=InnoDB;
DROP TABLE IF EXISTS record_search;
