-- The mobile app's devices: where app-push notifications for a person's followed reports go.
create table user_push_tokens (
  id            bigint generated always as identity primary key,
  user_id       bigint not null references users(id),
  token         text not null unique,
  platform      text not null check (platform in ('android', 'ios', 'web')),
  locale        text not null default 'th' check (locale in ('th', 'en')),
  created_at    timestamptz not null default now()
);
create index user_push_tokens_user_idx on user_push_tokens (user_id);
