-- 0005: how the text names each statement's speaker: its full name, a shorter form
-- (alias), the title of a role, a description ("the company") or a pronoun. It lets a
-- reader weigh an attribution made through coreference against one made by name. NULL
-- when the statement has no speaker, and for statements stored by extractor versions
-- before 3 until `dossier reextract` brings them up to date.
ALTER TABLE statements ADD COLUMN speaker_basis TEXT
    CHECK (speaker_basis IS NULL
           OR (speaker_id IS NOT NULL
               AND speaker_basis IN ('name', 'alias', 'title', 'description', 'pronoun')));
