-- The city's two libraries (L1); both are pickup libraries. Staff may rename them; new ones come with a
-- later migration or an admin tool.
INSERT IGNORE INTO library (id, display_name, display_name_en, pickup_location, sort_order) VALUES
  ('main', '本館', 'Main Library', TRUE, 1),
  ('branch', '分館', 'Branch Library', TRUE, 2);
