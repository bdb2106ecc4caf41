import { Type, type Static, type TSchema } from 'typebox';
import { LocalizedRef } from '../../platform/http/schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });
const lit = <const T extends string[]>(...values: [...T]) => Type.Enum<T>(values);
export type { Static };

export const StageEnum = lit('received', 'screening', 'not_accepted', 'referred', 'investigation', 'finding', 'sanction', 'closed');
export const AllegationKindEnum = lit('bribery', 'procurement', 'embezzlement', 'abuse_of_power', 'extortion', 'conflict_of_interest', 'other');
export const FindingEnum = lit('substantiated', 'partly_substantiated', 'not_substantiated');
export const SanctionKindEnum = lit('warning', 'probation', 'pay_cut', 'suspension', 'dismissal', 'criminal_referral');

const complaintFields = {
  agency_code: Type.String({ minLength: 1, maxLength: 64, description: 'The agency the complaint is about (code from /api/v1/agencies)' }),
  allegation_kind: Type.Optional(AllegationKindEnum),
  unit: Type.Optional(Type.String({ maxLength: 300, description: 'Unit or office within the agency' })),
  position: Type.Optional(Type.String({ maxLength: 300, description: 'Position of the official(s) concerned' })),
  what: Text(10_000, 'What happened (stored encrypted; never public)'),
  when_text: Type.Optional(Type.String({ maxLength: 500 })),
  where_text: Type.Optional(Type.String({ maxLength: 500 })),
  amount_baht: Type.Optional(Type.Number({ minimum: 0, maximum: 1e13, description: 'Amount of money involved, in baht, if known' })),
  contract_ref: Type.Optional(Type.String({ maxLength: 300 })),
  identity: Type.Optional(Type.Object({
    name: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    may_disclose: Type.Boolean({ description: 'Whether the identity may ever be shown to an investigator (after a custodian approves a written request)' }),
  }, { additionalProperties: false, description: 'Optional; stored apart, encrypted separately' })),
};

export const ComplaintBody = Type.Object({ ...complaintFields, channel: Type.Optional(Type.Literal('web')) }, { additionalProperties: false });
export const StaffComplaintBody = Type.Object({ ...complaintFields, channel: lit('call_centre', 'paper', 'letter') }, { additionalProperties: false });

const receiptDoc = 'The secret half of the receipt, as 8 groups of 5 digits. Shown once; keep it safe';
export const FiledResponse = Type.Object({
  case_number: Type.String(),
  receipt: Type.String({ description: receiptDoc }),
  receipt_groups: Type.Array(Type.String()),
  must_reset: Type.Boolean({ description: 'true when staff filed it: the complainant must set a new receipt on first return' }),
});

export const AccessBody = Type.Object({
  case_number: Type.String({ minLength: 1, maxLength: 40 }),
  receipt: Type.String({ minLength: 1, maxLength: 100 }),
}, { additionalProperties: false });
export const AccessResponse = Type.Object({
  case_view_token: Type.String({ description: 'Send as X-Case-Token; valid 30 minutes' }),
  must_reset: Type.Boolean(),
  expires_in: Type.Integer({ description: 'Seconds' }),
});
export const ReceiptResponse = Type.Object({ receipt: Type.String(), receipt_groups: Type.Array(Type.String()) });
export const CaseTokenHeaders = Type.Object({ 'x-case-token': Type.Optional(Type.String({ maxLength: 200 })) });

export const MineResponse = Type.Object({
  case_number: Type.String(),
  stage: StageEnum,
  stage_label_th: Type.String(),
  stage_label_en: Type.String(),
  received_at: Type.String(),
  stages: Type.Array(Type.Object({ stage: StageEnum, at: Type.String() })),
  questions: Type.Array(Type.Object({ id: Type.String(), text: Type.String(), asked_at: Type.String(), answer: Nullable(Type.String()), answered_at: Nullable(Type.String()) })),
  evidence: Type.Array(Type.Object({ id: Type.String(), filename: Type.String(), bytes: Type.Integer(), added_at: Type.String(), by: lit('complainant', 'investigator') })),
});
export const AnswerBody = Type.Object({ question_id: Type.String({ minLength: 1, maxLength: 40 }), text: Text(10_000) }, { additionalProperties: false });

export const CaseParams = Type.Object({ number: Type.String({ minLength: 1, maxLength: 40 }) });
export const EvidenceParams = Type.Object({ number: Type.String({ minLength: 1, maxLength: 40 }), id: Type.String({ minLength: 1, maxLength: 40 }) });
export const RequestParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) });

export const StaffListQuery = Type.Object({
  stage: Type.Optional(StageEnum),
  overdue: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
}, { additionalProperties: false });
const CaseItem = Type.Object({
  case_number: Type.String(), agency: LocalizedRef, allegation_kind: AllegationKindEnum, stage: StageEnum, received_at: Type.String(),
  due_at: Nullable(Type.String()), overdue: Type.Boolean(), assigned: Type.Boolean({ description: 'Whether any investigator is assigned' }),
});
export const StaffListResponse = Type.Object({ items: Type.Array(CaseItem), total: Type.Integer(), page: Type.Integer(), page_size: Type.Integer() });

const Person = Type.Object({ id: Type.String(), display_name: Type.String() });
export const StaffCaseResponse = Type.Object({
  case_number: Type.String(), agency: Nullable(LocalizedRef), allegation_kind: AllegationKindEnum, channel: Type.String(),
  stage: StageEnum, stage_label_th: Type.String(), stage_label_en: Type.String(), received_at: Type.String(),
  due_at: Nullable(Type.String()), overdue: Type.Boolean(), refer_to: Nullable(Type.String()),
  details: Type.Object({
    unit: Nullable(Type.String()), position: Nullable(Type.String()), what: Type.String(), when_text: Nullable(Type.String()),
    where_text: Nullable(Type.String()), amount_baht: Nullable(Type.Number()), contract_ref: Nullable(Type.String()),
  }),
  stages: Type.Array(Type.Object({ stage: StageEnum, at: Type.String(), due_at: Nullable(Type.String()), left_at: Nullable(Type.String()), overdue: Type.Boolean() })),
  questions: Type.Array(Type.Object({ id: Type.String(), text: Type.String(), asked_at: Type.String(), asked_by: Person, answer: Nullable(Type.String()), answered_at: Nullable(Type.String()) })),
  notes: Type.Array(Type.Object({ text: Type.String(), at: Type.String(), by: Person })),
  events: Type.Array(Type.Object({ kind: Type.String(), at: Type.String(), by: Nullable(Person), reason: Nullable(Type.String()), data: Type.Record(Type.String(), Type.Unknown()) })),
  evidence: Type.Array(Type.Object({ id: Type.String(), filename: Type.String(), content_type: Type.String(), bytes: Type.Integer(), added_at: Type.String(), by: lit('complainant', 'investigator'), purged: Type.Boolean() })),
  assignees: Type.Array(Type.Object({ id: Type.String(), display_name: Type.String(), declaration: Type.String(), assigned_at: Type.String() })),
  finding: Nullable(Type.Object({ finding: FindingEnum, report_text: Type.String(), at: Nullable(Type.String()) })),
  sanctions: Type.Array(Type.Object({ kind: SanctionKindEnum, official_name: Nullable(Type.String()), final: Type.Boolean(), publish_name: Type.Boolean(), published: Type.Boolean() })),
  links: Type.Array(Type.Object({ type: Type.String(), ref: Type.String(), at: Type.String() })),
  merged_into: Nullable(Type.String()),
  merged_from: Type.Array(Type.String()),
  identity: Type.Object({ given: Type.Boolean(), purged: Type.Boolean(), may_disclose: Nullable(Type.Boolean()) }),
  abilities: Type.Record(Type.String(), Type.Boolean()),
});

export const ScreenBody = Type.Object({
  decision: lit('accept', 'not_accepted', 'refer'),
  reason: Text(5000),
  refer_to: Type.Optional(lit('nacc', 'oag', 'police', 'other')),
  allegation_kind: Type.Optional(AllegationKindEnum),
}, { additionalProperties: false });
export const AssignBody = Type.Object({
  user_id: Type.String({ minLength: 1, maxLength: 40, description: 'Public id of an investigator' }),
  declaration: Type.Object({ no_conflict: Type.Literal(true), statement: Text(2000) }, { additionalProperties: false }),
}, { additionalProperties: false });
export const TextBody = Type.Object({ text: Text(10_000) }, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: Text(5000) }, { additionalProperties: false });
export const FindingBody = Type.Object({ finding: FindingEnum, report_text: Text(50_000) }, { additionalProperties: false });
export const SanctionsBody = Type.Object({
  sanctions: Type.Array(Type.Object({
    kind: SanctionKindEnum,
    official_name: Type.Optional(Type.String({ maxLength: 200 })),
    final: Type.Boolean(),
    publish_name: Type.Boolean(),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 20 }),
}, { additionalProperties: false });
export const MergeBody = Type.Object({ into_case_number: Type.String({ minLength: 1, maxLength: 40 }), reason: Text(5000) }, { additionalProperties: false });
export const LinkBody = Type.Object({ type: lit('report', 'plan_item', 'contract'), ref: Text(100) }, { additionalProperties: false });
export const JustificationBody = Type.Object({ justification: Text(5000) }, { additionalProperties: false });
export const DecideBody = Type.Object({ approve: Type.Boolean(), reason: Text(5000) }, { additionalProperties: false });
export const Ok = Type.Object({ ok: Type.Literal(true) });
export const QuestionCreated = Type.Object({ ok: Type.Literal(true), id: Type.String() });
export const IdentityRequestCreated = Type.Object({ id: Type.String(), status: lit('pending', 'approved', 'refused') });
export const IdentityRequestList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(), case_number: Type.String(), agency: LocalizedRef, requested_by: Person, justification: Type.String(), may_disclose: Type.Boolean(),
    status: lit('pending', 'approved', 'refused'), decision_reason: Nullable(Type.String()), created_at: Type.String(), decided_at: Nullable(Type.String()),
  })),
});
export const IdentityResponse = Type.Object({
  case_number: Type.String(),
  identity: Type.Object({ name: Nullable(Type.String()), phone: Nullable(Type.String()), email: Nullable(Type.String()) }),
  request_id: Type.String(), approved_at: Nullable(Type.String()),
  irreversible: Type.Literal(true, { description: 'A disclosure cannot be undone' }),
  notice_th: Type.String(), notice_en: Type.String(),
});

export const RegisterQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  agency: Type.Optional(Type.String({ maxLength: 64 })),
  finding: Type.Optional(FindingEnum),
}, { additionalProperties: false });
export const RegisterResponse = Type.Object({
  items: Type.Array(Type.Object({
    case_number: Type.String(), agency: LocalizedRef, allegation_kind: AllegationKindEnum, stage: StageEnum, received_at: Type.String(),
    stages: Type.Array(Type.Object({ stage: StageEnum, at: Type.String() })),
    finding: Nullable(FindingEnum),
    sanctions: Type.Array(Type.Object({ kind: SanctionKindEnum, official_name: Nullable(Type.String()) })),
  })),
  total: Type.Integer(), page: Type.Integer(), page_size: Type.Integer(),
});
export const FiguresQuery = Type.Object({ from: Type.Optional(Type.String({ maxLength: 40 })), to: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false });
export const FiguresResponse = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  totals: Type.Object({ received: Type.Integer(), open: Type.Integer(), closed: Type.Integer(), decided: Type.Integer(), substantiated: Type.Integer(), partly_substantiated: Type.Integer() }),
  by_month: Type.Array(Type.Object({ month: Type.String(), channel: Type.String(), received: Type.Integer() })),
  by_stage: Type.Array(Type.Object({ stage: StageEnum, count: Type.Integer(), small: Type.Boolean() })),
  median_days_per_stage: Type.Array(Type.Object({ stage: StageEnum, days: Nullable(Type.Number()), cases: Type.Integer(), small: Type.Boolean() })),
  substantiated_share: Type.Object({ share: Nullable(Type.Number()), substantiated: Type.Integer(), decided: Type.Integer(), small: Type.Boolean() }),
  sanctions_by_kind: Type.Array(Type.Object({ kind: SanctionKindEnum, count: Type.Integer() })),
  small_number_threshold: Type.Integer(),
  definitions: Type.Record(Type.String(), Type.String()),
});
export const FileDownload = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The original bytes, as application/octet-stream with Content-Disposition: attachment' });
