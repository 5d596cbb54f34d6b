-- 0001: the whole first schema: documents and sentences with full-text search, the
-- extracted entities, statements, figures and dates, and users' saved queries.

CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    source            TEXT NOT NULL,             -- path as given on the command line, or "-"
    sha256            TEXT NOT NULL UNIQUE,      -- of the file's bytes: identical content is imported once
    published         TEXT,                      -- YYYY-MM-DD, NULL when unknown
    title             TEXT NOT NULL,
    body              TEXT NOT NULL,
    imported_at       TEXT NOT NULL,             -- RFC 3339, UTC
    extractor_version INTEGER NOT NULL
);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,                -- 0-based order in the document
    start       INTEGER NOT NULL,                -- byte offsets into documents.body
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    UNIQUE (document_id, position)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, body ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO documents_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- One row per real-world entity across all documents.
CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'place')),
    name       TEXT NOT NULL,                    -- canonical (fullest) name
    normalized TEXT NOT NULL,                    -- case- and accent-folded name: the identity key
    UNIQUE (kind, normalized)
);

CREATE TABLE aliases (
    id         INTEGER PRIMARY KEY,
    entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    normalized TEXT NOT NULL,
    UNIQUE (entity_id, normalized)
);
CREATE INDEX aliases_normalized ON aliases(normalized);

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    surface     TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id, document_id);
CREATE INDEX mentions_document ON mentions(document_id, entity_id); -- covers "who else is in these documents"

-- The title a person is given in one document.
CREATE TABLE roles (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    affiliation TEXT,
    former      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (entity_id, document_id, title, former)
);
CREATE INDEX roles_document ON roles(document_id);

CREATE TABLE statements (
    id                INTEGER PRIMARY KEY,
    document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id       INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    last_sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    speaker_id        INTEGER REFERENCES entities(id),
    kind              TEXT NOT NULL CHECK (kind IN ('direct', 'indirect')),
    cue               TEXT,
    content           TEXT NOT NULL,
    start             INTEGER NOT NULL,
    end               INTEGER NOT NULL,
    said_start        TEXT,                      -- when it was said (YYYY-MM-DD), NULL if unknown
    said_end          TEXT,
    said_source       TEXT NOT NULL CHECK (said_source IN ('text', 'published', 'unknown'))
);
CREATE INDEX statements_speaker ON statements(speaker_id, said_start);
CREATE INDEX statements_said ON statements(said_start);
CREATE INDEX statements_document ON statements(document_id);

CREATE VIRTUAL TABLE statements_fts USING fts5(
    content, content='statements', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;

CREATE TABLE figures (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    surface      TEXT NOT NULL,
    value        REAL NOT NULL,                  -- in base units
    unit         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('money', 'count', 'percent', 'quantity')),
    approximate  TEXT,                           -- the qualifier ("around"), NULL when exact
    subject      TEXT,                           -- what the figure measures
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    period_start TEXT,                           -- when the figure holds (YYYY-MM-DD)
    period_end   TEXT,
    period_source TEXT NOT NULL CHECK (period_source IN ('text', 'published', 'unknown'))
);
CREATE INDEX figures_document ON figures(document_id, sentence_id);
CREATE INDEX figures_unit ON figures(unit);
CREATE INDEX figures_period ON figures(period_start);

CREATE TABLE dates (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    surface     TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    date_start  TEXT NOT NULL,                   -- YYYY-MM-DD, inclusive
    date_end    TEXT NOT NULL,
    granularity TEXT NOT NULL
);
CREATE INDEX dates_document ON dates(document_id);
CREATE INDEX dates_start ON dates(date_start);

-- Named queries users keep in the database (the built-in catalog lives in the binary).
CREATE TABLE saved_queries (
    name        TEXT PRIMARY KEY,
    sql         TEXT NOT NULL,
    description TEXT,
    created_at  TEXT NOT NULL
);
