-- Corruption complaints (integrity unit).
--
-- Four new staff roles form a separate unit: screening officers, investigators,
-- custodians (who guard whistleblower identities) and the head of the unit. They are not
-- agency staff; an agency_id on their account is their home agency and is used only to
-- keep them away from complaints that name it (conflict of interest).
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('citizen', 'officer', 'agency_admin', 'agent', 'admin',
                  'screening_officer', 'investigator', 'custodian', 'integrity_head'));

-- Everything a complainant wrote (and everything written about it) is stored sealed
-- with AES-256-GCM under a key of the case's own; that key is stored only wrapped by the
-- integrity unit's key, which lives in configuration, never in the database. Columns
-- named sealed_* are ciphertext; plain columns hold only workflow facts.
create table integrity_cases (
  id                    bigint generated always as identity primary key,
  case_number           text not null unique,
  agency_id             bigint not null references agencies(id),
  allegation_kind       text not null default 'other'
                        check (allegation_kind in ('bribery', 'procurement', 'embezzlement', 'abuse_of_power', 'extortion', 'conflict_of_interest', 'other')),
  channel               text not null check (channel in ('web', 'call_centre', 'paper', 'letter')),
  stage                 text not null default 'received'
                        check (stage in ('received', 'screening', 'not_accepted', 'referred', 'investigation', 'finding', 'sanction', 'closed')),
  stage_entered_at      timestamptz not null,
  stage_due_at          timestamptz,
  refer_to              text check (refer_to in ('nacc', 'oag', 'police', 'other')),
  finding               text check (finding in ('substantiated', 'partly_substantiated', 'not_substantiated')),
  finding_at            timestamptz,
  key_id                text not null,
  wrapped_key           bytea not null,
  sealed_details        bytea not null,
  sealed_report         bytea,
  receipt_hash          text not null,
  receipt_must_reset    boolean not null default false,
  merged_into_id        bigint references integrity_cases(id),
  identity_state        text not null default 'none' check (identity_state in ('none', 'held', 'purged')),
  evidence_purged_at    timestamptz,
  received_at           timestamptz not null,
  closed_at             timestamptz,
  reopen_count          int not null default 0
);
create index integrity_cases_stage_idx on integrity_cases (stage, stage_due_at);
create index integrity_cases_agency_idx on integrity_cases (agency_id);
create index integrity_cases_received_idx on integrity_cases (received_at);
create index integrity_cases_closed_idx on integrity_cases (closed_at) where closed_at is not null;

-- One row per stage a case passed through: dates for the register, medians for figures.
create table integrity_stage_history (
  id          bigint generated always as identity primary key,
  case_id     bigint not null references integrity_cases(id),
  stage       text not null,
  entered_at  timestamptz not null,
  due_at      timestamptz,
  left_at     timestamptz
);
create index integrity_stage_history_case_idx on integrity_stage_history (case_id, entered_at);

-- The complainant's identity: apart from the case, under a key of its own.
create table integrity_identities (
  case_id       bigint primary key references integrity_cases(id),
  key_id        text not null,
  wrapped_key   bytea not null,
  sealed        bytea not null,
  may_disclose  boolean not null,
  created_at    timestamptz not null default now()
);

-- Short-lived whistleblower sessions (30 minutes), stored as sha256 of the token.
create table integrity_case_tokens (
  token_hash  text primary key,
  case_id     bigint not null references integrity_cases(id),
  expires_at  timestamptz not null
);
create index integrity_case_tokens_case_idx on integrity_case_tokens (case_id);

-- Failed receipt checks per case number (known or not), keyed by a keyed hash of the
-- number, for the progressive slow-down.
create table integrity_access_attempts (
  key             text primary key,
  failures        int not null,
  last_failure_at timestamptz not null
);

create table integrity_events (
  id            bigint generated always as identity primary key,
  case_id       bigint not null references integrity_cases(id),
  kind          text not null,
  actor_user_id bigint references users(id),
  sealed_text   bytea,
  data          jsonb not null default '{}',
  created_at    timestamptz not null default now()
);
create index integrity_events_case_idx on integrity_events (case_id, id);

create table integrity_questions (
  id            bigint generated always as identity primary key,
  public_id     text not null unique,
  case_id       bigint not null references integrity_cases(id),
  asked_by      bigint not null references users(id),
  sealed_text   bytea not null,
  asked_at      timestamptz not null default now(),
  sealed_answer bytea,
  answered_at   timestamptz
);
create index integrity_questions_case_idx on integrity_questions (case_id);

create table integrity_notes (
  id           bigint generated always as identity primary key,
  case_id      bigint not null references integrity_cases(id),
  author_id    bigint not null references users(id),
  sealed_text  bytea not null,
  created_at   timestamptz not null default now()
);
create index integrity_notes_case_idx on integrity_notes (case_id);

-- Evidence keeps its original bytes, sealed; purged by the retention job.
create table integrity_evidence (
  id               bigint generated always as identity primary key,
  public_id        text not null unique,
  case_id          bigint not null references integrity_cases(id),
  sealed_filename  bytea not null,
  content_type     text not null,
  bytes            int not null,
  sealed_data      bytea,
  added_by         text not null check (added_by in ('complainant', 'investigator')),
  added_by_user_id bigint references users(id),
  added_at         timestamptz not null default now(),
  purged_at        timestamptz
);
create index integrity_evidence_case_idx on integrity_evidence (case_id);

create table integrity_assignments (
  id              bigint generated always as identity primary key,
  case_id         bigint not null references integrity_cases(id),
  user_id         bigint not null references users(id),
  assigned_by     bigint not null references users(id),
  declaration     text not null,
  assigned_at     timestamptz not null default now(),
  unique (case_id, user_id)
);

create table integrity_sanctions (
  id                   bigint generated always as identity primary key,
  case_id              bigint not null references integrity_cases(id),
  kind                 text not null check (kind in ('warning', 'probation', 'pay_cut', 'suspension', 'dismissal', 'criminal_referral')),
  sealed_official_name bytea,
  -- Set only when the sanction is final, publication was asked for and policy allows it.
  public_official_name text,
  final                boolean not null,
  publish_name         boolean not null,
  created_at           timestamptz not null default now()
);
create index integrity_sanctions_case_idx on integrity_sanctions (case_id);

create table integrity_links (
  id          bigint generated always as identity primary key,
  case_id     bigint not null references integrity_cases(id),
  type        text not null check (type in ('report', 'plan_item', 'contract')),
  ref         text not null,
  created_by  bigint not null references users(id),
  created_at  timestamptz not null default now(),
  unique (case_id, type, ref)
);

create table integrity_identity_requests (
  id                    bigint generated always as identity primary key,
  public_id             text not null unique,
  case_id               bigint not null references integrity_cases(id),
  requested_by          bigint not null references users(id),
  sealed_justification  bytea not null,
  status                text not null default 'pending' check (status in ('pending', 'approved', 'refused')),
  decided_by            bigint references users(id),
  sealed_decision       bytea,
  decided_at            timestamptz,
  created_at            timestamptz not null default now()
);
create index integrity_identity_requests_status_idx on integrity_identity_requests (status, created_at);
