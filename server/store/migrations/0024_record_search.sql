-- The catalogue's word index (rule C2): a Mroonga table beside `record`, one row per record with the same
-- normalised search_text, indexed by character bigrams so that any word inside a title, name or subject is
-- found through the index instead of a scan. `record` (InnoDB) stays the source of truth; this table is derived
-- from it and can be rebuilt from it at any time (shiori-admin catalog reindex). The text is normalised by the
-- application (ICU, server/text), so the index uses no normaliser of its own (utf8mb4_bin).
CREATE TABLE record_search (
  record_id BIGINT NOT NULL PRIMARY KEY,
  search_text MEDIUMTEXT NOT NULL,
  FULLTEXT INDEX record_search_text (search_text) COMMENT 'tokenizer "TokenBigramSplitSymbolAlphaDigit"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO record_search (record_id, search_text) SELECT id, search_text FROM record;
