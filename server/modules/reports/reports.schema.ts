import { Type } from 'typebox';
import { DistrictRef, LocalizedRef } from '../../platform/http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const StateEnum = Type.Union(
  [Type.Literal('received'), Type.Literal('in_progress'), Type.Literal('fixed'), Type.Literal('closed')],
  { description: 'received → in_progress → fixed; or closed without a fix (with a reason)' },
);
export const CloseReasonEnum = Type.Union([
  Type.Literal('not_our_responsibility'), Type.Literal('duplicate'), Type.Literal('cannot_fix'), Type.Literal('withdrawn'), Type.Literal('invalid'),
]);

export const ReportSummary = Type.Object({
  code: Type.String({ description: 'Tracking number, e.g. BKK-26-7Q4XKM' }),
  category: LocalizedRef,
  description: Type.String({ description: 'Up to 200 characters in lists; full text on the report page' }),
  state: StateEnum,
  close_reason: Nullable(Type.String()),
  location: Type.Object({ lat: Type.Number(), lng: Type.Number(), district: Nullable(DistrictRef), address: Nullable(Type.String()) }),
  agency: LocalizedRef,
  thumbnail_url: Nullable(Type.String()),
  support_count: Type.Integer(),
  created_at: DateTime,
  is_demo: Type.Boolean({ description: 'Generated demo data, not a real report' }),
});

export const NearbyItem = Type.Intersect([ReportSummary, Type.Object({ distance_m: Type.Number() })]);

export const QueueItem = Type.Intersect([
  ReportSummary,
  Type.Object({ due_fix_at: DateTime, overdue: Type.Boolean(), assignee: Nullable(Type.Object({ id: Type.String(), display_name: Type.String() })), age_hours: Type.Integer() }),
]);

const Abilities = Type.Object({
  accept: Type.Boolean(), forward: Type.Boolean(), invite_coowner: Type.Boolean(), coowner_status: Type.Boolean(), note: Type.Boolean(),
  fix: Type.Boolean(), close: Type.Boolean(), assign: Type.Boolean(), recategorize: Type.Boolean(), reopen: Type.Boolean(), rate: Type.Boolean(),
  withdraw: Type.Boolean(), follow: Type.Boolean(), unfollow: Type.Boolean(), support: Type.Boolean(),
}, { description: 'What the caller may do now; the UI shows only these buttons' });

export const ReportDetail = Type.Intersect([
  ReportSummary,
  Type.Object({
    photos: Type.Array(Type.Object({ id: Type.String(), kind: Type.Union([Type.Literal('before'), Type.Literal('after')]), url: Type.String(), thumb_url: Type.String(), width: Nullable(Type.Integer()), height: Nullable(Type.Integer()) })),
    coowners: Type.Array(Type.Object({ agency: LocalizedRef, status: Type.String() })),
    reopen_count: Type.Integer(),
    rating: Nullable(Type.Integer()),
    rating_comment: Nullable(Type.String()),
    channel: Type.String(),
    first_response_at: Nullable(DateTime),
    fixed_at: Nullable(DateTime),
    closed_at: Nullable(DateTime),
    due_first_response_at: DateTime,
    due_fix_at: DateTime,
    overdue: Type.Boolean(),
    timeline: Type.Array(Type.Object({
      id: Type.String(), kind: Type.String(), at: DateTime, visibility: Type.Union([Type.Literal('public'), Type.Literal('internal')]),
      agency: Nullable(LocalizedRef), note: Nullable(Type.String()), data: Type.Record(Type.String(), Type.Unknown()),
    })),
    abilities: Abilities,
    following: Type.Boolean(),
    staff: Type.Optional(Type.Object({
      routing_reason_th: Type.String(), routing_reason_en: Type.String(),
      assignee: Nullable(Type.Object({ id: Type.String(), display_name: Type.String() })),
      contact: Nullable(Type.Object({ name: Nullable(Type.String()), phone: Nullable(Type.String()), email: Nullable(Type.String()) })),
    }, { description: 'Only for staff of the owning or co-owning agency' })),
  }),
]);

export const CreateReportBody = Type.Object({
  category: Type.String({ minLength: 1, maxLength: 64, description: 'Category code (GET /api/v1/categories)' }),
  description: Type.String({ minLength: 1, maxLength: 4000 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  contact_name: Type.Optional(Type.String({ maxLength: 100 })),
  contact_phone: Type.Optional(Type.String({ maxLength: 20 })),
  contact_email: Type.Optional(Type.String({ maxLength: 254 })),
}, { additionalProperties: false, description: 'JSON without photos, or multipart/form-data with these fields plus up to 4 `photos` files' });

export const CreateReportResponse = Type.Object({
  report: ReportDetail,
  reporter_token: Nullable(Type.String({ description: 'Anonymous reporters only: the secret to rate, reopen or withdraw (send as X-Reporter-Token). Shown once.' })),
});

export const CodeParams = Type.Object({ code: Type.String({ maxLength: 20 }) });

const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

const ListFilters = {
  district: Type.Optional(Type.Integer({ minimum: 1001, maximum: 1050 })),
  category: Type.Optional(Type.String({ maxLength: 64 })),
  state: Type.Optional(StateEnum),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD (Bangkok) or ISO date-time' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD inclusive, or ISO date-time exclusive' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Thai or English words; Thai is segmented into words' })),
};

export const ListQuery = Type.Object({ ...ListFilters, ...Paging }, { additionalProperties: false });
export const QueueQuery = Type.Object({
  ...ListFilters, ...Paging,
  overdue: Type.Optional(Type.Boolean()),
  assigned: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('unassigned')])),
  sort: Type.Optional(Type.Union([Type.Literal('age_desc'), Type.Literal('age_asc'), Type.Literal('support_desc'), Type.Literal('due_asc')])),
}, { additionalProperties: false });

export const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), page_size: Type.Integer() });

export const NearbyQuery = Type.Object({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  category: Type.String({ maxLength: 64 }),
}, { additionalProperties: false });

export const SuggestQuery = Type.Object({
  text: Type.String({ maxLength: 4000 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 5 })),
}, { additionalProperties: false });

export const SuggestResponse = Type.Array(Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Type.String(), score: Type.Number({ description: 'Probability, 0–1' }) }));

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
export const ForwardBody = Type.Object({ agency_code: Type.String({ maxLength: 64 }), reason: Text(1000) }, { additionalProperties: false });
export const CoownerBody = Type.Object({ agency_code: Type.String({ maxLength: 64 }), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const CoownerStatusBody = Type.Object({ status: Type.Union([Type.Literal('in_progress'), Type.Literal('done'), Type.Literal('declined')]), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const NoteBody = Type.Object({ text: Text(4000), visibility: Type.Union([Type.Literal('public'), Type.Literal('internal')]) }, { additionalProperties: false });
/** Staff close for their own reasons; only the reporter withdraws (POST …/withdraw). */
export const StaffCloseReasonEnum = Type.Union([
  Type.Literal('not_our_responsibility'), Type.Literal('duplicate'), Type.Literal('cannot_fix'), Type.Literal('invalid'),
]);
export const CloseBody = Type.Object({ reason: StaffCloseReasonEnum, note: Text(2000), duplicate_of: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false });
export const AssignBody = Type.Object({ assignee_id: Nullable(Type.String({ maxLength: 40 })) }, { additionalProperties: false });
export const CategoryBody = Type.Object({ category_code: Type.String({ maxLength: 64 }), reason: Text(1000) }, { additionalProperties: false });
export const ReopenBody = Type.Object({ reason: Text(2000) }, { additionalProperties: false });
export const RatingBody = Type.Object({ stars: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const WithdrawBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const EmptyBody = Type.Object({}, { additionalProperties: false });
export const BulkBody = Type.Object({
  codes: Type.Array(Type.String({ maxLength: 20 }), { minItems: 1, maxItems: 100 }),
  action: Type.Union([Type.Literal('accept'), Type.Literal('assign')]),
  assignee_id: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
}, { additionalProperties: false });
export const BulkResponse = Type.Object({ updated: Type.Integer(), failed: Type.Array(Type.Object({ code: Type.String(), detail: Type.String() })) });
