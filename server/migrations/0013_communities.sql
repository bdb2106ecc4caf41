-- Communities (ชุมชน), their elected committees and their ranked needs.
--
-- A new agency-bound staff role, 'planner': reviews proposals and builds the agency's
-- annual action plan. Committee members stay 'citizen' accounts; what they may do comes
-- from an active row in community_committee_members, not from their role.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('citizen', 'officer', 'agency_admin', 'agent', 'admin', 'planner',
                  'screening_officer', 'investigator', 'custodian', 'integrity_head'));
alter table users drop constraint if exists users_check1;
alter table users add constraint users_staff_agency_check
  check (role not in ('officer', 'agency_admin', 'planner') or agency_id is not null);

create table communities (
  id                bigint generated always as identity primary key,
  -- District code and a running number: '1004-012'. Public, stable, not secret.
  code              text not null unique,
  district_code     int not null references districts(code),
  name_th           text not null,
  name_en           text,
  -- ชุมชนแออัด, ชุมชนเมือง, ชุมชนชานเมือง, ชุมชนอาคารสูง, ชุมชนรูปแบบพิเศษ
  kind              text not null check (kind in ('crowded', 'urban', 'suburban', 'high_rise', 'special')),
  lat               double precision not null,
  lng               double precision not null,
  location          point not null,
  households        int not null check (households >= 0),
  population        int check (population >= 0),
  registered_on     date not null,
  is_demo           boolean not null default false,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  unique (district_code, name_th)
);
create index communities_district_idx on communities (district_code, name_th);
create index communities_location_idx on communities using gist (location);

create table community_committee_members (
  id                bigint generated always as identity primary key,
  community_id      bigint not null references communities(id),
  full_name         text not null,
  position          text not null check (position in ('chair', 'vice_chair', 'secretary', 'treasurer', 'member')),
  term_start        date not null,
  term_end          date not null,
  -- The member's own account, when they have one; it is what lets them act.
  user_id           bigint references users(id),
  is_demo           boolean not null default false,
  created_at        timestamptz not null default now(),
  ended_at          timestamptz,
  check (term_end > term_start)
);
create index committee_members_community_idx on community_committee_members (community_id);
create index committee_members_user_idx on community_committee_members (user_id) where user_id is not null;
-- One account sits on at most one community's committee at a time.
create unique index committee_members_one_active_seat on community_committee_members (user_id)
  where user_id is not null and ended_at is null;

create table community_needs (
  id                    bigint generated always as identity primary key,
  public_id             text not null unique,
  community_id          bigint not null references communities(id),
  -- 1 = most pressing; unique among the community's open needs is kept by the service.
  rank                  int not null check (rank >= 1),
  title                 text not null,
  description           text not null,
  category_id           bigint references categories(id),
  place_text            text not null default '',
  lat                   double precision,
  lng                   double precision,
  households_affected   int not null check (households_affected >= 0),
  since_on              date,
  status                text not null default 'open' check (status in ('open', 'in_proposal', 'resolved', 'withdrawn')),
  created_by            bigint references users(id),
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  check ((lat is null) = (lng is null))
);
create index community_needs_community_idx on community_needs (community_id, rank);

-- Files attached to needs, proposals and plan progress. Photos go through the image
-- pipeline (re-encoded, metadata stripped) and live in the media store; documents (PDF
-- only) are kept byte for byte under the same store's random keys.
create table attachments (
  id                bigint generated always as identity primary key,
  public_id         text not null unique,
  owner_type        text not null check (owner_type in ('need', 'proposal', 'plan_progress')),
  owner_id          bigint not null,
  kind              text not null check (kind in ('photo', 'document')),
  file_name         text not null,
  content_type      text not null,
  bytes             int not null check (bytes > 0),
  storage_key       text not null,
  thumb_key         text,
  width             int,
  height            int,
  created_by        bigint references users(id),
  created_at        timestamptz not null default now()
);
create index attachments_owner_idx on attachments (owner_type, owner_id);
