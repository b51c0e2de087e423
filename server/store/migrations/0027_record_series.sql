-- A magazine's issues are found by their series title (R5: the latest issue; the issue a desk receives), which
-- was a scan of every record.
ALTER TABLE record ADD INDEX record_series (series_title, issue_number);
