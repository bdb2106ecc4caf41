// Shapes of /api/v1/integrity (corruption complaints), as agreed with the server.
import type { Named, Page } from '../../app/types';

export const STAGES = [
  'received',
  'screening',
  'not_accepted',
  'referred',
  'investigation',
  'finding',
  'sanction',
  'closed',
] as const;
export type Stage = (typeof STAGES)[number];

export const FINDINGS = ['substantiated', 'partly_substantiated', 'not_substantiated'] as const;
export type Finding = (typeof FINDINGS)[number];

export const SANCTION_KINDS = ['warning', 'probation', 'pay_cut', 'suspension', 'dismissal', 'criminal_referral'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export const SCREEN_DECISIONS = ['accept', 'not_accepted', 'refer'] as const;
export type ScreenDecision = (typeof SCREEN_DECISIONS)[number];

export const REFER_TO = ['nacc', 'oag', 'police', 'other'] as const;
export type ReferTo = (typeof REFER_TO)[number];

export const LINK_TYPES = ['report', 'plan_item', 'contract'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const ALLEGATION_KINDS = [
  'bribery',
  'procurement',
  'embezzlement',
  'abuse_of_power',
  'extortion',
  'conflict_of_interest',
  'other',
] as const;
/** Kind of allegation: a code (ALLEGATION_KINDS), or a named thing if the server sends one. */
export type AllegationKind = string | Named | null;

// ── whistleblower ───────────────────────────────────────────────────────────────

export interface Filed {
  case_number: string;
  /** The secret, digits in groups separated by spaces. */
  receipt: string;
  receipt_groups?: string[];
  must_reset?: boolean;
}

export interface Access {
  case_view_token: string;
  must_reset: boolean;
  expires_in?: number;
}

export interface Question {
  id: string | number;
  text: string;
  asked_at: string;
  answer: string | null;
  answered_at: string | null;
}

export interface Evidence {
  id: string | number;
  filename: string;
  bytes: number;
  added_at: string;
  /** Who added it: "complainant" / "staff", or a display name. */
  by: string | null;
}

export interface StageEntry {
  stage: Stage | string;
  at: string;
  due_at?: string | null;
  overdue?: boolean;
}

export interface MyCase {
  case_number: string;
  stage: Stage;
  stage_label_th?: string;
  stage_label_en?: string;
  received_at: string;
  stages: StageEntry[];
  questions: Question[];
  evidence: Evidence[];
}

// ── integrity unit ──────────────────────────────────────────────────────────────

export interface Person {
  id: string | number;
  display_name: string;
}

export interface QueueCase {
  case_number: string;
  agency: Named | null;
  allegation_kind: AllegationKind;
  stage: Stage;
  received_at: string;
  due_at: string | null;
  overdue: boolean;
  assigned: boolean | Person | Person[] | null;
}

export interface IdentityRequest {
  id: string | number;
  case_number: string;
  agency?: Named | null;
  requested_by: string | Person;
  justification: string;
  may_disclose?: boolean;
  created_at?: string;
  requested_at?: string;
  status: 'pending' | 'approved' | 'refused' | string;
  decision_reason?: string | null;
  decided_at?: string | null;
}

export interface Note {
  id?: string | number;
  text: string;
  at: string;
  by: string | Person | null;
}

export interface Sanction {
  kind: SanctionKind;
  official_name?: string | null;
  final: boolean;
  publish_name: boolean;
  published?: boolean;
}

export interface CaseDetails {
  unit: string | null;
  position: string | null;
  what: string;
  when_text: string | null;
  where_text: string | null;
  amount_baht: number | string | null;
  contract_ref: string | null;
}

export interface StaffQuestion extends Question {
  asked_by?: Person | null;
}

export interface StaffEvidence extends Evidence {
  content_type?: string;
  purged?: boolean;
}

export interface StaffCase {
  case_number: string;
  agency: Named | null;
  allegation_kind: AllegationKind;
  channel: string;
  stage: Stage;
  received_at?: string;
  due_at?: string | null;
  overdue?: boolean;
  refer_to?: string | null;
  /** The complaint as filed (decrypted for the unit). */
  details: CaseDetails;
  stages: StageEntry[];
  questions: StaffQuestion[];
  notes: Note[];
  evidence: StaffEvidence[];
  assignees: (Person & { declaration?: string; assigned_at?: string })[];
  finding: null | { finding: Finding; report_text: string; at: string | null };
  sanctions: Sanction[];
  links: { type: LinkType | string; ref: string; at?: string }[];
  merged_into?: string | null;
  merged_from?: string[];
  /** Decisions with their reasons: screened, closed, reopened, merged. */
  events?: { kind: string; at: string; by: Person | null; reason: string | null; data: Record<string, unknown> }[];
  /** given: the complainant gave an identity; may_disclose: they allow it to be shown after approval. */
  identity: { given: boolean; purged: boolean; may_disclose: boolean | null };
  abilities: Record<string, boolean>;
}

export interface IdentityView {
  case_number: string;
  identity: { name: string | null; phone: string | null; email: string | null };
  irreversible: true;
  notice_th?: string;
  notice_en?: string;
}

// ── public record ───────────────────────────────────────────────────────────────

export interface RegisterCase {
  case_number: string;
  agency: Named | null;
  allegation_kind: AllegationKind;
  stage?: Stage;
  received_at: string;
  stages: StageEntry[];
  finding: Finding | null;
  sanctions: { kind: SanctionKind; official_name?: string | null }[];
}
export type RegisterPage = Page<RegisterCase>;

export interface IntegrityFigures {
  period: { from: string; to: string };
  totals: { received: number; open: number; closed: number; decided?: number; substantiated?: number; partly_substantiated?: number };
  by_month: { month: string; channel: string; received: number }[];
  by_stage: { stage: Stage; count: number; small?: boolean }[];
  median_days_per_stage: { stage: Stage; days: number | null; cases?: number; small?: boolean }[];
  /** share is null when too few cases were decided to give one honestly. */
  substantiated_share: { share: number | null; substantiated: number; decided: number; small: boolean };
  sanctions_by_kind: { kind: SanctionKind; count: number }[];
  small_number_threshold?: number;
  definitions: Record<string, string>;
}
