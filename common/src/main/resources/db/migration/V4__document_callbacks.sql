-- Completion webhooks: the URL a document's submit named (callbackUrl), told when the document
-- completes or fails (docs/schema.md). Null for a document submitted without one.

ALTER TABLE documents ADD COLUMN callback_url text;
