-- Outbox delivery: per-channel claims, the staff view, and a wake-up for idle workers.
-- The base table is in 0001_platform.sql; this adds indexes and a notification only.

-- Each channel's worker lane claims its own due rows (FOR UPDATE SKIP LOCKED), so a
-- slow or failing platform never holds back another channel's messages.
create index outbox_channel_due_idx on outbox (channel, next_attempt_at, id) where status = 'pending';

-- Staff view: newest first within a status; the summary counts a recent window.
create index outbox_status_id_idx on outbox (status, id);
create index outbox_created_idx on outbox (created_at);

-- Wakes idle workers (LISTEN demopolis_outbox) when a message becomes deliverable:
-- a new one, or a failed/skipped one put back by staff. NOTIFY is sent at commit and
-- identical payloads in one transaction are folded into one, so a burst costs little.
create function outbox_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('demopolis_outbox', new.channel);
  return null;
end;
$$;

create trigger outbox_notify_insert
  after insert on outbox
  for each row when (new.status = 'pending')
  execute function outbox_notify();

create trigger outbox_notify_requeue
  after update of status on outbox
  for each row when (old.status <> 'pending' and new.status = 'pending')
  execute function outbox_notify();
