-- R5: the issues of a magazine are found by their series' key, the series title in the search form
-- (text::NormalizeForSearch: width, case, kana and spacing folded), so that 月刊ＡＢＣ or ｹﾞｯｶﾝ typed at a desk is
-- the series 月刊ABC or ゲッカン already in the catalogue. The keys of the records already there are filled right
-- after these statements (store::FillSeriesKeys).
ALTER TABLE record ADD COLUMN series_key VARCHAR(500) NOT NULL DEFAULT '';
ALTER TABLE record DROP INDEX record_series, ADD INDEX record_series_key (series_key, issue_number);
