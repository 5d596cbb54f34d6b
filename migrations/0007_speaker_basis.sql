-- 0007: how the text names each statement's speaker: its full name, a shorter form
-- (alias), the title of a role, a description ("the company") or a pronoun. It lets a
-- reader weigh an attribution made through coreference against one made by name. NULL
-- when the statement has no speaker, and for statements stored by extractor versions
-- before 4 until `dossier reextract` brings them up to date.
ALTER TABLE statements ADD COLUMN speaker_basis TEXT
    CHECK (speaker_basis IS NULL
           OR (speaker_id IS NOT NULL
               AND speaker_basis IN ('name', 'alias', 'title', 'description', 'pronoun')));

-- The view of statements with names shows how each speaker was found, too.
DROP VIEW statements_named;
CREATE VIEW statements_named AS
SELECT s.id, d.published, e.name AS speaker, e.kind AS speaker_kind, s.speaker_basis, s.kind,
       s.cue, s.content, s.said_start, s.said_end, d.title AS document, d.source, s.document_id
FROM statements s
JOIN documents d ON d.id = s.document_id
LEFT JOIN entities e ON e.id = s.speaker_id;
