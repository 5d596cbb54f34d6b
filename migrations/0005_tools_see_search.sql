-- 0005: Datasette and sqlite-utils find a table's full-text index by looking for
-- `content="TABLE"` or `content=[TABLE]` in the index's declaration; 0001 wrote
-- `content='documents'` in single quotes, so both tools said the tables had no search.
-- An FTS5 declaration cannot be altered, so each index is declared again, with the same
-- columns and tokenizer, and rebuilt from its table. The delete and update triggers name
-- the index only by name, so they keep working.
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body, content="documents", content_rowid="id", tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');

DROP TABLE statements_fts;
CREATE VIRTUAL TABLE statements_fts USING fts5(
    content, content="statements", content_rowid="id", tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO statements_fts(statements_fts) VALUES ('rebuild');

-- Views that read with names instead of ids, for tools that browse the database.
CREATE VIEW statements_named AS
SELECT s.id, d.published, e.name AS speaker, e.kind AS speaker_kind, s.kind, s.cue, s.content,
       s.said_start, s.said_end, d.title AS document, d.source, s.document_id
FROM statements s
JOIN documents d ON d.id = s.document_id
LEFT JOIN entities e ON e.id = s.speaker_id;

CREATE VIEW figures_named AS
SELECT f.id, d.published, f.surface, f.value, f.unit, f.kind, f.approximate, f.subject,
       f.period_start, f.period_end, d.title AS document, d.source, f.document_id
FROM figures f
JOIN documents d ON d.id = f.document_id;

CREATE VIEW mentions_named AS
SELECT m.id, e.name AS entity, e.kind, m.surface, d.published, d.title AS document, d.source,
       m.document_id, m.entity_id
FROM mentions m
JOIN entities e ON e.id = m.entity_id
JOIN documents d ON d.id = m.document_id;
