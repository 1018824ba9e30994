-- Where a document's tasks wait (docs/schema.md): the priority lane and the group its submit named,
-- so a reprocess that names neither and the reconciler's resubmits queue it where it was. Null for
-- normal and for no group (and for documents submitted before this column).

ALTER TABLE documents ADD COLUMN priority text;
ALTER TABLE documents ADD COLUMN group_name text;
