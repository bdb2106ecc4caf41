-- Idempotency-Key on POST: a retried request with the same key gets the first answer
-- back and creates nothing new; the same key with another body is refused.
create table idempotency_keys (
  principal       text not null,
  key             text not null,
  fingerprint     text not null,
  status_code     int,
  content_type    text,
  response_body   text,
  created_at      timestamptz not null default now(),
  completed_at    timestamptz,
  primary key (principal, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
