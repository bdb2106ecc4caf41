/**
 * Kysely row types for the integrity module (corruption complaints).
 * Merged into the one Database type in server/platform/db/schema.ts.
 * Columns named sealed_* hold AES-256-GCM ciphertext (see integrity.crypto.ts).
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | undefined, string>;

export type IntegrityStage = 'received' | 'screening' | 'not_accepted' | 'referred' | 'investigation' | 'finding' | 'sanction' | 'closed';
export type IntegrityChannel = 'web' | 'call_centre' | 'paper' | 'letter';
export type IntegrityFinding = 'substantiated' | 'partly_substantiated' | 'not_substantiated';
export type SanctionKind = 'warning' | 'probation' | 'pay_cut' | 'suspension' | 'dismissal' | 'criminal_referral';
export type AllegationKind = 'bribery' | 'procurement' | 'embezzlement' | 'abuse_of_power' | 'extortion' | 'conflict_of_interest' | 'other';

export interface IntegrityCasesTable {
  id: Generated<string>;
  case_number: string;
  agency_id: string;
  allegation_kind: Generated<AllegationKind>;
  channel: IntegrityChannel;
  stage: Generated<IntegrityStage>;
  stage_entered_at: Timestamp;
  stage_due_at: NullableTimestamp;
  refer_to: 'nacc' | 'oag' | 'police' | 'other' | null;
  finding: IntegrityFinding | null;
  finding_at: NullableTimestamp;
  key_id: string;
  wrapped_key: Buffer;
  sealed_details: Buffer;
  sealed_report: Buffer | null;
  receipt_hash: string;
  receipt_must_reset: Generated<boolean>;
  merged_into_id: string | null;
  identity_state: Generated<'none' | 'held' | 'purged'>;
  evidence_purged_at: NullableTimestamp;
  received_at: Timestamp;
  closed_at: NullableTimestamp;
  reopen_count: Generated<number>;
}

export interface IntegrityStageHistoryTable {
  id: Generated<string>;
  case_id: string;
  stage: IntegrityStage;
  entered_at: Timestamp;
  due_at: NullableTimestamp;
  left_at: NullableTimestamp;
}

export interface IntegrityIdentitiesTable {
  case_id: string;
  key_id: string;
  wrapped_key: Buffer;
  sealed: Buffer;
  may_disclose: boolean;
  created_at: Generated<Date>;
}

export interface IntegrityCaseTokensTable {
  token_hash: string;
  case_id: string;
  expires_at: Timestamp;
}

export interface IntegrityAccessAttemptsTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
}

export interface IntegrityEventsTable {
  id: Generated<string>;
  case_id: string;
  kind: string;
  actor_user_id: string | null;
  sealed_text: Buffer | null;
  data: Json;
  created_at: Generated<Date>;
}

export interface IntegrityQuestionsTable {
  id: Generated<string>;
  public_id: string;
  case_id: string;
  asked_by: string;
  sealed_text: Buffer;
  asked_at: Generated<Date>;
  sealed_answer: Buffer | null;
  answered_at: NullableTimestamp;
}

export interface IntegrityNotesTable {
  id: Generated<string>;
  case_id: string;
  author_id: string;
  sealed_text: Buffer;
  created_at: Generated<Date>;
}

export interface IntegrityEvidenceTable {
  id: Generated<string>;
  public_id: string;
  case_id: string;
  sealed_filename: Buffer;
  content_type: string;
  bytes: number;
  sealed_data: Buffer | null;
  added_by: 'complainant' | 'investigator';
  added_by_user_id: string | null;
  added_at: Generated<Date>;
  purged_at: NullableTimestamp;
}

export interface IntegrityAssignmentsTable {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  assigned_by: string;
  declaration: string;
  assigned_at: Generated<Date>;
}

export interface IntegritySanctionsTable {
  id: Generated<string>;
  case_id: string;
  kind: SanctionKind;
  sealed_official_name: Buffer | null;
  public_official_name: string | null;
  final: boolean;
  publish_name: boolean;
  created_at: Generated<Date>;
}

export interface IntegrityLinksTable {
  id: Generated<string>;
  case_id: string;
  type: 'report' | 'plan_item' | 'contract';
  ref: string;
  created_by: string;
  created_at: Generated<Date>;
}

export interface IntegrityIdentityRequestsTable {
  id: Generated<string>;
  public_id: string;
  case_id: string;
  requested_by: string;
  sealed_justification: Buffer;
  status: Generated<'pending' | 'approved' | 'refused'>;
  decided_by: string | null;
  sealed_decision: Buffer | null;
  decided_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface IntegrityTables {
  integrity_cases: IntegrityCasesTable;
  integrity_stage_history: IntegrityStageHistoryTable;
  integrity_identities: IntegrityIdentitiesTable;
  integrity_case_tokens: IntegrityCaseTokensTable;
  integrity_access_attempts: IntegrityAccessAttemptsTable;
  integrity_events: IntegrityEventsTable;
  integrity_questions: IntegrityQuestionsTable;
  integrity_notes: IntegrityNotesTable;
  integrity_evidence: IntegrityEvidenceTable;
  integrity_assignments: IntegrityAssignmentsTable;
  integrity_sanctions: IntegritySanctionsTable;
  integrity_links: IntegrityLinksTable;
  integrity_identity_requests: IntegrityIdentityRequestsTable;
}
