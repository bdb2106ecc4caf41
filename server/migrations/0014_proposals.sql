-- Project proposals written by community committees, reviewed by the district.
--
-- Links to needs (need -> proposal, relation 'addresses') and to plan items
-- (proposal -> plan_item, relation 'planned_as') live in resource_links.

create table proposals (
  id                    bigint generated always as identity primary key,
  -- 'PRJ-' + two BE digits of the year written + random: PRJ-69-7Q4XKM
  public_id             text not null unique,
  community_id          bigint not null references communities(id),
  district_code         int not null references districts(code),
  title                 text not null,
  problem               text not null,
  objectives            text not null default '',
  -- [{ "title": text, "starts_on": "YYYY-MM-DD", "ends_on": "YYYY-MM-DD" }]
  activities            jsonb not null default '[]',
  beneficiaries         text not null default '',
  beneficiaries_count   int not null default 0 check (beneficiaries_count >= 0),
  starts_on             date,
  ends_on               date,
  -- One of the BMA policy dimensions (see proposals.strategies.ts); free text for a district policy.
  strategy_code         text,
  district_policy       text not null default '',
  -- Fiscal year (BE) the community hopes to be funded in.
  fiscal_year           int,
  total_satang          bigint not null default 0 check (total_satang >= 0),
  state                 text not null default 'draft'
                        check (state in ('draft', 'submitted', 'under_review', 'revision_requested', 'accepted', 'not_accepted', 'merged', 'withdrawn')),
  evaluator_user_id     bigint references users(id),
  -- Filled on acceptance: feasibility, cost check, the agency that would carry it out.
  review_feasibility    text,
  review_cost_check     text,
  carrying_agency_id    bigint references agencies(id),
  decision_reason       text,
  merged_into_id        bigint references proposals(id),
  revision              int not null default 1,
  is_demo               boolean not null default false,
  created_by            bigint references users(id),
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  submitted_at          timestamptz,
  decided_at            timestamptz,
  check (ends_on is null or starts_on is null or ends_on >= starts_on),
  check (state <> 'not_accepted' or decision_reason is not null),
  check (state <> 'merged' or merged_into_id is not null)
);
create index proposals_community_idx on proposals (community_id, state);
create index proposals_district_idx on proposals (district_code, state, updated_at desc);
create index proposals_evaluator_idx on proposals (evaluator_user_id) where evaluator_user_id is not null;

create table proposal_budget_lines (
  id                bigint generated always as identity primary key,
  proposal_id       bigint not null references proposals(id),
  position          int not null,
  description       text not null,
  quantity          numeric(12, 2) not null check (quantity > 0),
  unit              text not null default '',
  unit_cost_satang  bigint not null check (unit_cost_satang >= 0),
  amount_satang     bigint not null check (amount_satang >= 0),
  unique (proposal_id, position)
);

-- Every step of a proposal, shown to the community with its date.
create table proposal_events (
  id                bigint generated always as identity primary key,
  proposal_id       bigint not null references proposals(id),
  from_state        text,
  to_state          text not null,
  actor_user_id     bigint references users(id),
  actor_label       text not null,
  note              text not null default '',
  created_at        timestamptz not null default now()
);
create index proposal_events_proposal_idx on proposal_events (proposal_id, id);

-- A proposal's page lists the proposals merged into it.
create index proposals_merged_into_idx on proposals (merged_into_id) where merged_into_id is not null;

-- Lists and roll-ups by the fiscal year a proposal asks to be funded in.
create index proposals_fiscal_year_idx on proposals (fiscal_year) where state <> 'draft';
