-- Full-text rows of new documents and statements are written by the store once per batch of
-- documents, no longer by a trigger per row. Every trigger-fired insert into an FTS5 table
-- opens a statement savepoint, and FTS5 flushes its pending terms to disk at each savepoint:
-- that was a fifth of import time, and it cut the index into tiny segments to merge later.
-- The delete and update triggers stay: they are rare, and they must see the old text.
DROP TRIGGER documents_fts_insert;
DROP TRIGGER statements_fts_insert;
