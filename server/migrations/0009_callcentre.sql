-- The 1555 call centre.
--
-- A new role, 'agent': call-centre staff who file and look up reports for callers.
-- They belong to no agency (the call centre routes to agencies, it is not one), so the
-- existing "officers and agency admins need an agency" rule leaves them alone, and a
-- new rule keeps them out of agencies altogether.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('citizen', 'officer', 'agency_admin', 'agent', 'admin'));
alter table users add constraint users_agent_without_agency_check
  check (role <> 'agent' or agency_id is null);

-- "Which reports has this caller made?" reads reports by contact phone and by SMS
-- follow-up address; without these both would scan whole tables.
create index if not exists reports_contact_phone_idx on reports (contact_phone) where contact_phone is not null;
create index if not exists report_subscriptions_address_idx on report_subscriptions (address, channel);
