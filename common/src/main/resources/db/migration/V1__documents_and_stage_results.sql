-- The system of record: documents and what each pipeline stage made of them.
-- docs/schema.md describes every table, column and key, and which code writes it.
-- Table names are unqualified: they land in the connection's current schema.

CREATE TABLE documents (
    id           text        PRIMARY KEY,
    source       text        NOT NULL,
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    name         text        NOT NULL,
    media_type   text        NOT NULL,
    size_bytes   bigint      NOT NULL CHECK (size_bytes >= 0),
    status       text        NOT NULL DEFAULT 'queued'
                             CHECK (status IN ('queued', 'processing', 'completed', 'failed')),
    stage        text        NOT NULL DEFAULT 'ocr'
                             CHECK (stage IN ('ocr', 'entities', 'structured')),
    error        text,
    attempts     integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    completed_at timestamptz
);

-- The reconciler: unfinished documents, least recently touched first. Partial, so it stays small
-- while completed documents pile up.
CREATE INDEX documents_unfinished_idx ON documents (updated_at, id)
    WHERE status IN ('queued', 'processing');

-- The cache warmer: documents completed since a time, newest first.
CREATE INDEX documents_completed_idx ON documents (completed_at DESC, id)
    WHERE status = 'completed';

CREATE TABLE document_pages (
    document_id text    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page_number integer NOT NULL CHECK (page_number >= 1),
    text        text    NOT NULL,
    method      text    NOT NULL,
    char_count  integer NOT NULL CHECK (char_count >= 0),
    text_sha256 text    NOT NULL,
    PRIMARY KEY (document_id, page_number)
);

CREATE TABLE chunks (
    document_id  text    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    chunk_id     text    NOT NULL,
    chunk_index  integer NOT NULL CHECK (chunk_index >= 0),
    start_offset integer NOT NULL CHECK (start_offset >= 0),
    end_offset   integer NOT NULL,
    sha256       text    NOT NULL,
    text         text    NOT NULL,
    PRIMARY KEY (document_id, chunk_id),
    CHECK (end_offset >= start_offset),
    -- Deferred, so a new chunking may move an index to another chunk id within one transaction.
    CONSTRAINT chunks_index_unique UNIQUE (document_id, chunk_index) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE entities (
    document_id  text    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    extractor    text    NOT NULL,
    type         text    NOT NULL,
    start_offset integer NOT NULL CHECK (start_offset >= 0),
    end_offset   integer NOT NULL,
    text         text    NOT NULL,
    -- The first chunk whose span holds start_offset, looked up when the entity is saved; no
    -- foreign key, so a new chunking does not need the entities rewritten first.
    chunk_id     text,
    PRIMARY KEY (document_id, extractor, type, start_offset, end_offset),
    CHECK (end_offset >= start_offset)
);

CREATE INDEX entities_chunk_idx ON entities (document_id, chunk_id);

CREATE TABLE structured_results (
    document_id    text        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    extractor      text        NOT NULL,
    schema_version integer     NOT NULL CHECK (schema_version >= 1),
    content_sha256 text        NOT NULL,
    result         jsonb       NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (document_id, extractor, schema_version, content_sha256)
);

CREATE TABLE textract_jobs (
    job_id               text        PRIMARY KEY,
    document_id          text        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    content_sha256       text        NOT NULL,
    client_request_token text        NOT NULL,
    status               text        NOT NULL
                         CHECK (status IN ('in_progress', 'succeeded', 'failed', 'partial_success')),
    pages                integer     NOT NULL DEFAULT 0 CHECK (pages >= 0),
    error                text,
    started_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

CREATE INDEX textract_jobs_document_idx ON textract_jobs (document_id, content_sha256);
CREATE INDEX textract_jobs_started_idx ON textract_jobs (started_at DESC);
