import type { ColumnType, Generated } from 'kysely';
import type { ChannelsTables } from '../../modules/channels/channels.tables.ts';
import type { CallCentreTables } from '../../modules/callcentre/callcentre.tables.ts';
import type { Open311Tables } from '../../modules/open311/open311.tables.ts';
import type { OutboxTables } from '../outbox/outbox.tables.ts';
import type { IntegrityTables } from '../../modules/integrity/integrity.tables.ts';
import type { CommunitiesTables } from '../../modules/communities/communities.tables.ts';
import type { ProposalsTables } from '../../modules/proposals/proposals.tables.ts';
import type { PlansTables } from '../../modules/plans/plans.tables.ts';

/** Row types of every table, for Kysely. Keep in step with server/migrations. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string, string>;
/** `point` comes back from pg as {x, y}; we write it with sql`point(lng, lat)`. */
type Point = ColumnType<{ x: number; y: number }, unknown, unknown>;
type Tsvector = ColumnType<string, unknown, unknown>;

export interface UsersTable {
  id: Generated<string>;
  public_id: string;
  email: string | null;
  phone: string | null;
  display_name: string;
  password_hash: string;
  role: 'citizen' | 'officer' | 'agency_admin' | 'agent' | 'admin' | 'planner' | 'screening_officer' | 'investigator' | 'custodian' | 'integrity_head';
  agency_id: string | null;
  locale: Generated<'th' | 'en'>;
  is_demo: Generated<boolean>;
  created_at: Generated<Date>;
  disabled_at: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  kind: Generated<'cookie' | 'token'>;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_label: string;
  channel: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  /** Null until the sealer chains the entry (0016_scale.sql): all three are set together. */
  seq: string | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface OutboxTable {
  id: Generated<string>;
  channel: string;
  recipient: string;
  payload: Json;
  status: Generated<'pending' | 'delivered' | 'failed' | 'skipped'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  created_at: Generated<Date>;
  delivered_at: NullableTimestamp;
}

export interface ResourceLinksTable {
  id: Generated<string>;
  from_type: string;
  from_id: string;
  to_type: string;
  to_id: string;
  relation: string;
  created_at: Generated<Date>;
}

export interface DistrictsTable {
  code: number;
  name_th: string;
  name_en: string;
  area_km2: string | null;
  population_2018: number | null;
  communities_2018: number | null;
}

export interface AgenciesTable {
  id: Generated<string>;
  code: string;
  kind: 'district_office' | 'department' | 'external';
  name_th: string;
  name_en: string;
  district_code: number | null;
  active: Generated<boolean>;
}

export interface CategoriesTable {
  id: Generated<string>;
  code: string;
  name_th: string;
  name_en: string;
  description_th: Generated<string>;
  description_en: Generated<string>;
  routing_kind: 'district_office' | 'agency';
  routing_agency_id: string | null;
  first_response_hours: number;
  fix_hours: number;
  after_photo_required: Generated<boolean>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  updated_at: Generated<Date>;
}

export type ReportState = 'received' | 'in_progress' | 'fixed' | 'closed';

export interface ReportsTable {
  id: Generated<string>;
  code: string;
  category_id: string;
  description: string;
  lat: number;
  lng: number;
  location: Point;
  district_code: number | null;
  address: string | null;
  state: ReportState;
  close_reason: string | null;
  duplicate_of_id: string | null;
  agency_id: string;
  assignee_id: string | null;
  routing_reason_th: string;
  routing_reason_en: string;
  reporter_id: string | null;
  reporter_token_hash: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  channel: Generated<string>;
  external_ref: string | null;
  external_source: string | null;
  is_demo: Generated<boolean>;
  support_count: Generated<number>;
  reopen_count: Generated<number>;
  rating: number | null;
  rating_comment: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  first_response_at: NullableTimestamp;
  fixed_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  due_first_response_at: Timestamp;
  due_fix_at: Timestamp;
  search: Tsvector;
}

export interface ReportCoownersTable {
  report_id: string;
  agency_id: string;
  status: Generated<'invited' | 'in_progress' | 'done' | 'declined'>;
  invited_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ReportEventsTable {
  id: Generated<string>;
  report_id: string;
  kind: string;
  visibility: 'public' | 'internal';
  actor_id: string | null;
  agency_id: string | null;
  note: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

export interface ReportPhotosTable {
  id: Generated<string>;
  public_id: string;
  report_id: string;
  event_id: string | null;
  kind: 'before' | 'after';
  storage_key: string | null;
  thumb_key: string | null;
  external_url: string | null;
  width: number | null;
  height: number | null;
  bytes: number | null;
  created_at: Generated<Date>;
}

export interface ReportFollowersTable {
  report_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface ReportSupportsTable {
  id: Generated<string>;
  report_id: string;
  user_id: string | null;
  supporter_key: string | null;
  created_at: Generated<Date>;
}

export interface ReportSubscriptionsTable {
  id: Generated<string>;
  report_id: string;
  channel: string;
  address: string;
  locale: Generated<'th' | 'en'>;
  created_at: Generated<Date>;
}

export interface SuggesterModelTable {
  id: number;
  model: Json;
  trained_on: number;
  updated_at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  fingerprint: string;
  status_code: number | null;
  content_type: string | null;
  response_body: string | null;
  created_at: Generated<Date>;
  completed_at: Date | null;
}

export interface UserPushTokensTable {
  id: Generated<string>;
  user_id: string;
  token: string;
  platform: 'android' | 'ios' | 'web';
  locale: Generated<'th' | 'en'>;
  created_at: Generated<Date>;
}

export interface RateLimitsTable {
  key: string;
  count: number;
  window_ends: Date;
}

/** Every table; each module's own tables come from its *.tables.ts file. */
export interface Database extends ChannelsTables, Open311Tables, OutboxTables, CallCentreTables, IntegrityTables, CommunitiesTables, ProposalsTables, PlansTables {
  rate_limits: RateLimitsTable;
  user_push_tokens: UserPushTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  resource_links: ResourceLinksTable;
  districts: DistrictsTable;
  agencies: AgenciesTable;
  categories: CategoriesTable;
  reports: ReportsTable;
  report_coowners: ReportCoownersTable;
  report_events: ReportEventsTable;
  report_photos: ReportPhotosTable;
  report_followers: ReportFollowersTable;
  report_supports: ReportSupportsTable;
  suggester_model: SuggesterModelTable;
  report_subscriptions: ReportSubscriptionsTable;
}
