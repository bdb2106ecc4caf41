-- Who is told when a report changes: the reporter's channel address (a LINE user, a
-- phone for SMS...), kept apart from the report so a report can have several.
create table report_subscriptions (
  id            bigint generated always as identity primary key,
  report_id     bigint not null references reports(id),
  channel       text not null,
  address       text not null,
  locale        text not null default 'th' check (locale in ('th', 'en')),
  created_at    timestamptz not null default now(),
  unique (report_id, channel, address)
);
