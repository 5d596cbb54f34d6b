-- 0003: `figures --unit %` sorted every figure of a common unit by reading each row (over
-- 300 ms at 100,000 articles, with some 90,000 percentages). An index on the unit and the
-- sort columns lets that sort run on the index alone; it starts with `unit`, so it also
-- does the work of the old one-column index, which goes.
CREATE INDEX figures_unit_period ON figures(unit, period_start, document_id, start);
DROP INDEX figures_unit;
