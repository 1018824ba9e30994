-- What computed each stage of a document: the engine, its version and the stage's settings
-- version, i.e. everything but the content hash that the provider cache's key holds. The
-- coordinator's cache warmer rebuilds exact cache keys from it (docs/schema.md).

CREATE TABLE stage_engines (
    document_id      text        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    stage            text        NOT NULL CHECK (stage IN ('ocr', 'entities', 'structured')),
    engine           text        NOT NULL,
    engine_version   text        NOT NULL,
    settings_version text        NOT NULL,
    recorded_at      timestamptz NOT NULL,
    PRIMARY KEY (document_id, stage)
);
