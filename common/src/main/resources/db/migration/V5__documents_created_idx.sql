-- The console's document search (GET /api/v1/documents): newest first, paged. Without an index
-- every page sorted the whole table; with it a page reads its own rows (and a from/to range on
-- created_at reads only that range). Plain CREATE INDEX: it holds writes to documents while it
-- builds, a moment for the tables a fleet keeps (docs/schema.md, Upgrading).

CREATE INDEX documents_created_idx ON documents (created_at DESC, id DESC);
