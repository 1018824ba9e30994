-- The spend ledger (docs/schema.md): one row for every provider call the pipeline paid for, and for
-- every call a cache hit avoided (cached = true: the units and price the original call had), written
-- in the same statement as the stage result it belongs to. A price is copied into its row when the
-- row is written, so a later price change never rewrites history.
CREATE TABLE provider_calls (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  document_id text,
  group_name text,
  stage text NOT NULL,
  task_id text,
  provider text NOT NULL,
  operation text NOT NULL,
  model text,
  cached boolean NOT NULL,
  -- the units billed: Textract {"pages": n}; OpenAI {"input_tokens", "cached_input_tokens", "output_tokens"}
  units jsonb NOT NULL,
  -- the price applied (the PROVIDER_PRICES entry as of `at`: unit prices in USD and its date)
  price jsonb NOT NULL,
  cost_usd numeric(20, 10) NOT NULL
);

CREATE INDEX provider_calls_at_idx ON provider_calls (at);
CREATE INDEX provider_calls_document_idx ON provider_calls (document_id);
CREATE INDEX provider_calls_group_at_idx ON provider_calls (group_name, at);
