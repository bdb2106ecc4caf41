-- Annual action plans (แผนปฏิบัติราชการประจำปี): one per agency per fiscal year (BE).
-- A plan item placed from a proposal is linked proposal -> plan_item ('planned_as')
-- in resource_links; source_proposal_id keeps the same fact for joins.

create table action_plans (
  id                bigint generated always as identity primary key,
  public_id         text not null unique,
  agency_id         bigint not null references agencies(id),
  fiscal_year       int not null check (fiscal_year between 2560 and 2600),
  -- The agency's budget ceiling for the plan; null until the budget office sets it.
  ceiling_satang    bigint check (ceiling_satang >= 0),
  -- 'warn': approving past the ceiling is allowed with a warning; 'refuse': it is refused.
  ceiling_policy    text not null default 'warn' check (ceiling_policy in ('warn', 'refuse')),
  status            text not null default 'draft' check (status in ('draft', 'published')),
  is_demo           boolean not null default false,
  created_by        bigint references users(id),
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  published_at      timestamptz,
  unique (agency_id, fiscal_year)
);

create table plan_items (
  id                        bigint generated always as identity primary key,
  public_id                 text not null unique,
  plan_id                   bigint not null references action_plans(id),
  position                  int not null,
  title                     text not null,
  description               text not null default '',
  responsible_unit          text not null,
  source                    text not null check (source in ('proposal', 'agency')),
  source_proposal_id        bigint references proposals(id),
  community_id              bigint references communities(id),
  strategy_code             text,
  budget_requested_satang   bigint not null check (budget_requested_satang >= 0),
  budget_approved_satang    bigint check (budget_approved_satang >= 0),
  budget_disbursed_satang   bigint not null default 0 check (budget_disbursed_satang >= 0),
  -- [{ "name": text, "target": number, "unit": text, "actual": number | null }]
  indicators                jsonb not null default '[]',
  status                    text not null default 'planned'
                            check (status in ('planned', 'funded', 'in_progress', 'completed', 'cancelled')),
  cancel_reason             text,
  -- Rolled up from milestones (0..100), kept on the row so plans and districts sum fast.
  progress_percent          numeric(5, 2) not null default 0 check (progress_percent between 0 and 100),
  starts_on                 date,
  ends_on                   date,
  created_at                timestamptz not null default now(),
  updated_at                timestamptz not null default now(),
  completed_at              timestamptz,
  check ((source = 'proposal') = (source_proposal_id is not null)),
  check (status <> 'cancelled' or cancel_reason is not null),
  unique (plan_id, position)
);
create index plan_items_plan_idx on plan_items (plan_id, position);
create unique index plan_items_one_per_proposal on plan_items (source_proposal_id) where source_proposal_id is not null and status <> 'cancelled';

-- Milestones of an item, weighted; the item's progress is their weighted completion.
create table plan_milestones (
  id                bigint generated always as identity primary key,
  item_id           bigint not null references plan_items(id),
  position          int not null,
  title             text not null,
  weight            int not null default 1 check (weight between 1 and 100),
  due_quarter       int check (due_quarter between 1 and 4),
  percent           numeric(5, 2) not null default 0 check (percent between 0 and 100),
  unique (item_id, position)
);

-- Quarterly progress reports (quarters of the fiscal year: Q1 = Oct–Dec).
create table plan_progress_reports (
  id                bigint generated always as identity primary key,
  item_id           bigint not null references plan_items(id),
  milestone_id      bigint references plan_milestones(id),
  quarter           int not null check (quarter between 1 and 4),
  percent           numeric(5, 2) not null check (percent between 0 and 100),
  disbursed_satang  bigint check (disbursed_satang >= 0),
  note              text not null default '',
  reported_by       bigint references users(id),
  created_at        timestamptz not null default now(),
  -- What the milestone (or the item, without milestones) stood at before this report,
  -- and the item's rolled-up progress after it: the history reads without replaying.
  previous_percent  numeric(5, 2) not null default 0 check (previous_percent between 0 and 100),
  item_percent      numeric(5, 2) not null default 0 check (item_percent between 0 and 100)
);
create index plan_progress_item_idx on plan_progress_reports (item_id, id);

-- Lists: plans by fiscal year; district roll-ups reach department items by community.
create index action_plans_fy_idx on action_plans (fiscal_year, agency_id);
create index plan_items_community_idx on plan_items (community_id) where community_id is not null;
-- Every placement of a proposal, cancelled ones included (the public story shows a
-- cancelled placement; the partial unique index above leaves those out), and the
-- joins from proposals to their items.
create index plan_items_source_proposal_idx on plan_items (source_proposal_id);
