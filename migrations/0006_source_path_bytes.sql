-- 0006: the path a document came from, without loss. `source` holds the path as text, and
-- a file name that is not UTF-8 loses bytes on the way: `bad\xff.txt` and `bad\xfe.txt`
-- both read `bad\uFFFD.txt`, so `import --replace` of one replaced the other.
-- `source_path` holds the path's own bytes, and `--replace` matches on it alone; `source`
-- stays as the readable form that listings and exports show. Earlier rows take the bytes
-- of their text: that is what an import of the same path stores now, and the bytes a lossy
-- name lost cannot be recovered.
ALTER TABLE documents ADD COLUMN source_path BLOB NOT NULL DEFAULT x'';
UPDATE documents SET source_path = CAST(source AS BLOB);
CREATE INDEX documents_source_path ON documents(source_path);
