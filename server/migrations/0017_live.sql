-- Live updates: a NOTIFY for every public change on a report's timeline, sent by the
-- transaction that makes the change (NOTIFY is delivered at commit, never on rollback).
-- Every app instance LISTENs on demopolis_live and pushes the report's new public state
-- to whoever watches it (server/platform/live). The payload names the report and the
-- event only: ids, no text, nothing about a person.
--
-- Left out: the events written when a report is filed ('created', 'routed' at intake),
-- since nobody can be watching it yet; internal notes; and history — events dated more
-- than an hour back, as imports and generated data are (a live change is dated now), so
-- a bulk load does not send a million notifications. A loader can also switch it off:
--   set demopolis.live = 'off';   (or set local, for one transaction)
create function report_events_live_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('demopolis_live', json_build_object(
    'k', 'report',
    'key', (select code from reports where id = new.report_id),
    'id', new.id::text)::text);
  return null;
end;
$$;

create trigger report_events_live
  after insert on report_events
  for each row
  when (new.visibility = 'public'
        and new.kind not in ('created', 'routed')
        and new.created_at > now() - interval '1 hour'
        and coalesce(current_setting('demopolis.live', true), '') <> 'off')
  execute function report_events_live_notify();
