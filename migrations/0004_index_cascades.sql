-- 0004: deleting a document deletes its sentences, and each deleted sentence makes SQLite
-- look up the mentions, statements, figures and dates that point at it (ON DELETE
-- CASCADE). Those columns had no index of their own, so every sentence deleted scanned
-- the four tables whole: `reextract --all` and `import --replace` grew with the square of
-- the database (over 1,000 s to re-extract 2,127 articles). One index per column a cascade
-- follows makes each lookup a seek. (`figures_document` starts with document_id, so it
-- cannot serve a lookup by sentence.)
CREATE INDEX mentions_sentence ON mentions(sentence_id);
CREATE INDEX statements_sentence ON statements(sentence_id);
CREATE INDEX statements_last_sentence ON statements(last_sentence_id);
CREATE INDEX figures_sentence ON figures(sentence_id);
CREATE INDEX dates_sentence ON dates(sentence_id);
