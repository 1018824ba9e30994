-- A Textract job its document was made to forget (its cache invalidated, or the document
-- reprocessed): the next start of the same content sends another ClientRequestToken, so Textract
-- starts a new job instead of answering with this one (docs/schema.md).

ALTER TABLE textract_jobs ADD COLUMN forgotten_at timestamptz;

-- How many jobs of a content were forgotten: read before each start of a job.
CREATE INDEX textract_jobs_forgotten_idx ON textract_jobs (content_sha256)
    WHERE forgotten_at IS NOT NULL;
