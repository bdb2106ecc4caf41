-- Chat channels (LINE, Facebook Messenger, X): one conversation per person and platform,
-- the photos they sent while it is open, and the platform event ids already handled.

-- A conversation in progress. The state is the conversation engine's own JSON; a
-- conversation silent for 24 hours expires (expires_at), its photos with it.
create table channel_conversations (
  id                bigint generated always as identity primary key,
  platform          text not null check (platform in ('line', 'facebook', 'x')),
  platform_user_id  text not null check (length(platform_user_id) between 1 and 200),
  state             jsonb not null,
  updated_at        timestamptz not null default now(),
  expires_at        timestamptz not null,
  unique (platform, platform_user_id)
);
create index channel_conversations_expires_idx on channel_conversations (expires_at);

-- Photos received before the report is filed, already checked and re-encoded (no EXIF,
-- no GPS). At most four per conversation (the service enforces it); deleted when the
-- report is filed, the person cancels, or the conversation expires.
create table channel_pending_photos (
  id               bigint generated always as identity primary key,
  conversation_id  bigint not null references channel_conversations(id) on delete cascade,
  bytes            bytea not null check (octet_length(bytes) between 1 and 8388608),
  created_at       timestamptz not null default now()
);
create index channel_pending_photos_conversation_idx on channel_pending_photos (conversation_id, id);

-- Webhook events already handled: platforms redeliver, and a redelivery must change
-- nothing. Kept for a week, well beyond every platform's retry window.
create table channel_webhook_events (
  id           bigint generated always as identity primary key,
  platform     text not null check (platform in ('line', 'facebook', 'x')),
  event_id     text not null check (length(event_id) between 1 and 200),
  received_at  timestamptz not null default now(),
  unique (platform, event_id)
);
create index channel_webhook_events_received_idx on channel_webhook_events (received_at);
