-- Bangkok's reference model: districts, agencies, categories with routing rules.

create table districts (
  code              int primary key check (code between 1001 and 1050),
  name_th           text not null,
  name_en           text not null,
  area_km2          numeric(8, 2),
  population_2018   int,
  communities_2018  int
);

create table agencies (
  id              bigint generated always as identity primary key,
  code            text not null unique,
  kind            text not null check (kind in ('district_office', 'department', 'external')),
  name_th         text not null,
  name_en         text not null,
  district_code   int references districts(code),
  active          boolean not null default true
);
create unique index agencies_district_office_key on agencies (district_code) where kind = 'district_office';

alter table users add constraint users_agency_fk foreign key (agency_id) references agencies(id);

create table categories (
  id                    bigint generated always as identity primary key,
  code                  text not null unique,
  name_th               text not null,
  name_en               text not null,
  description_th        text not null default '',
  description_en        text not null default '',
  -- district_office: the district office of the pin; agency: routing_agency_id.
  routing_kind          text not null check (routing_kind in ('district_office', 'agency')),
  routing_agency_id     bigint references agencies(id),
  first_response_hours  int not null check (first_response_hours > 0),
  fix_hours             int not null check (fix_hours > 0),
  after_photo_required  boolean not null default true,
  sort_order            int not null default 0,
  active                boolean not null default true,
  updated_at            timestamptz not null default now(),
  check (routing_kind <> 'agency' or routing_agency_id is not null)
);
