-- R5: a magazine's series title is stored with its words joined by one half-width space
-- (text::CanonicalSeriesTitle), as the desk looks the series up when the next issue arrives.
UPDATE record SET series_title = TRIM(REGEXP_REPLACE(series_title, '[[:space:]　]+', ' '))
WHERE series_title <> '' AND series_title <> TRIM(REGEXP_REPLACE(series_title, '[[:space:]　]+', ' '));
