// Shapes of the app API (/api/v1). Kept in one place so every page agrees with the contract.

export interface Named {
  code: string;
  name_th: string;
  name_en: string;
}

export const ROLES = [
  'citizen',
  'officer',
  'agency_admin',
  'agent',
  'admin',
  'planner',
  'screening_officer',
  'investigator',
  'custodian',
  'integrity_head',
] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES: readonly Role[] = ['officer', 'agency_admin', 'admin'];
/** Agency staff who look after communities, review proposals and build plans. */
export const DISTRICT_STAFF_ROLES: readonly Role[] = ['officer', 'agency_admin', 'planner', 'admin'];
/** The integrity unit (corruption complaints): a separate unit, not agency staff. */
export const INTEGRITY_ROLES: readonly Role[] = ['screening_officer', 'investigator', 'custodian', 'integrity_head'];

export interface User {
  id: string | number;
  display_name: string;
  email: string | null;
  phone: string | null;
  role: Role;
  agency: Named | null;
}

export interface Session {
  user: User | null;
  csrf_token: string | null;
}

export interface AppConfig {
  tile_url: string | null;
  tile_attribution: string | null;
  public_url: string | null;
}

export type AgencyKind = 'district_office' | 'department' | 'external';
export interface Agency extends Named {
  kind: AgencyKind;
  district_code: string | number | null;
}

export type Routing = { kind: 'district_office' } | { kind: 'agency'; agency: Named };

export interface Category extends Named {
  description_th: string;
  description_en: string;
  routing: Routing;
  first_response_hours: number;
  fix_hours: number;
  after_photo_required: boolean;
}

export interface CategorySuggestion extends Named {
  score: number;
}

export type LocateResult =
  | { inside: true; district: Named }
  | { inside: false; message_th: string; message_en: string };

export const REPORT_STATES = ['received', 'in_progress', 'fixed', 'closed'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const CLOSE_REASONS = [
  'not_our_responsibility',
  'duplicate',
  'cannot_fix',
  'withdrawn',
  'invalid',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export interface ReportSummary {
  code: string;
  category: Named;
  description: string;
  state: ReportState;
  close_reason: string | null;
  location: { lat: number; lng: number; district: Named | null; address: string | null };
  agency: Named;
  thumbnail_url: string | null;
  support_count: number;
  created_at: string;
  is_demo: boolean;
  distance_m?: number;
}

export interface Photo {
  id: string | number;
  kind: 'before' | 'after';
  url: string;
  thumb_url: string;
  width: number;
  height: number;
}

export const COOWNER_STATUSES = ['invited', 'in_progress', 'done', 'declined'] as const;
export type CoownerStatus = (typeof COOWNER_STATUSES)[number];

export const TIMELINE_KINDS = [
  'created',
  'routed',
  'accepted',
  'forwarded',
  'coowner_invited',
  'coowner_status',
  'note',
  'fixed',
  'closed',
  'reopened',
  'rated',
  'category_changed',
  'assigned',
  'withdrawn',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEvent {
  id: string | number;
  kind: TimelineKind;
  at: string;
  visibility: 'public' | 'internal';
  agency: Named | null;
  note: string | null;
  data: Record<string, unknown>;
}

export const ABILITIES = [
  'accept',
  'forward',
  'invite_coowner',
  'coowner_status',
  'note',
  'fix',
  'close',
  'assign',
  'recategorize',
  'reopen',
  'rate',
  'withdraw',
  'follow',
  'unfollow',
  'support',
] as const;
export type Ability = (typeof ABILITIES)[number];

export interface StaffPerson {
  id: string | number;
  display_name: string;
}

export interface Report extends ReportSummary {
  photos: Photo[];
  coowners: { agency: Named; status: CoownerStatus }[];
  reopen_count: number;
  rating: number | null;
  rating_comment: string | null;
  channel: string;
  first_response_at: string | null;
  fixed_at: string | null;
  closed_at: string | null;
  due_first_response_at: string | null;
  due_fix_at: string | null;
  overdue: boolean;
  timeline: TimelineEvent[];
  abilities: Record<Ability, boolean>;
  following: boolean;
  staff?: {
    routing_reason_th: string;
    routing_reason_en: string;
    assignee: StaffPerson | null;
    contact: { name: string | null; phone: string | null; email: string | null } | null;
  };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export interface QueueItem extends ReportSummary {
  due_fix_at: string | null;
  overdue: boolean;
  assignee: StaffPerson | null;
  age_hours: number;
}

export interface BulkResult {
  updated: number;
  failed: { code: string; detail: string }[];
}

export const GROUP_BY = ['district', 'agency', 'category', 'channel', 'month'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface FigureCounts {
  received: number;
  fixed: number;
  closed_unfixed: number;
  open: number;
  median_first_response_hours: number | null;
  median_fix_hours: number | null;
}

export interface FigureGroup extends FigureCounts {
  key: string;
  name_th: string;
  name_en: string;
  fixed_share: number | null;
  ranked: boolean;
}

export interface Figures {
  period: { from: string; to: string };
  totals: FigureCounts & { rating_avg: number | null; rating_count: number; demo_reports?: number };
  groups: FigureGroup[];
  definitions: Record<string, string>;
}

export interface StaffAccount {
  id: string | number;
  email: string;
  display_name: string;
  role: Role;
  agency: Named | null;
  disabled: boolean;
}

export interface AdminAgency extends Named {
  code: string;
  kind: 'district_office' | 'department' | 'external';
  district_code: number | null;
  active: boolean;
}
