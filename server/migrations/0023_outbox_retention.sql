-- Outbox retention (OUTBOX_RETENTION_DAYS): the purge finds finished messages by age on
-- this index, oldest first, reading only those old enough — never the whole table.
create index if not exists outbox_finished_created_idx on outbox (created_at) where status <> 'pending';
