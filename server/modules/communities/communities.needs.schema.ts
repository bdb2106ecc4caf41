/** TypeBox schemas of community needs and their evidence: every field documented. */
import { Type } from 'typebox';
import { LocalizedRef } from '../../platform/http/schemas.ts';
import { MAX_CITED_REPORTS } from './communities.rules.ts';
import { DateOnly, DateTime, LatLng, Nullable, OrNull } from './communities.schema-parts.ts';

export const NeedStatusEnum = Type.Union(
  [Type.Literal('open'), Type.Literal('in_proposal'), Type.Literal('resolved'), Type.Literal('withdrawn')],
  { description: 'open (ranked) → in_proposal (a project proposal addresses it) → resolved; or withdrawn' },
);

export const NeedParams = Type.Object({
  code: Type.String({ pattern: '^10[0-5][0-9]-[0-9]{3}$', description: 'Community code' }),
  needId: Type.String({ pattern: '^[2-9A-HJ-NP-Z]{12}$', description: 'Need id' }),
});
export const AttachmentParams = Type.Object({
  code: NeedParams.properties.code,
  needId: NeedParams.properties.needId,
  attachmentId: Type.String({ pattern: '^[2-9A-HJ-NP-Z]{16}$', description: 'Attachment id' }),
});

const Attachment = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('photo'), Type.Literal('document')], { description: 'photo (re-encoded JPEG) or document (PDF as sent)' }),
  file_name: Type.String(),
  content_type: Type.String(),
  bytes: Type.Integer(),
  url: Type.String(),
  thumb_url: Nullable(Type.String()),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  created_at: DateTime,
});

const CitedReport = Type.Object({
  code: Type.String({ description: 'Tracking code; the report page is /r/{code}' }),
  category: LocalizedRef,
  state: Type.String({ description: 'received, in_progress, fixed or closed' }),
  distance_m: Type.Integer({ description: 'From the community point' }),
  created_at: DateTime,
  is_demo: Type.Boolean(),
});

export const NeedView = Type.Object({
  id: Type.String({ description: 'Need id (12 characters)' }),
  rank: Nullable(Type.Integer({ description: '1 = most pressing; only open needs are ranked' })),
  title: Type.String(),
  description: Type.String(),
  category: Nullable(LocalizedRef),
  place_text: Type.String({ description: 'Where, in words' }),
  location: Nullable(LatLng('A pin, when given')),
  households_affected: Type.Integer(),
  since_on: Nullable(DateOnly('Since when the problem has been felt')),
  status: NeedStatusEnum,
  created_at: DateTime,
  updated_at: DateTime,
  evidence: Type.Object({
    reports: Type.Array(CitedReport, { description: 'City problem reports cited as evidence' }),
    attachments: Type.Array(Attachment, { description: 'Photos and PDF documents' }),
  }),
  abilities: Type.Object({
    edit: Type.Boolean({ description: 'Change the need (not while a proposal addresses it)' }),
    move: Type.Boolean({ description: 'Change its rank (open needs)' }),
    attach: Type.Boolean({ description: 'Add or remove files' }),
  }),
});

export const NeedList = Type.Object({ items: Type.Array(NeedView) });

const ReportCodes = Type.Array(Type.String({ minLength: 5, maxLength: 30 }), {
  maxItems: MAX_CITED_REPORTS,
  description: 'Tracking codes of city reports cited as evidence; each must exist and lie within 1 km of the community',
});

const fields = {
  title: Type.String({ minLength: 3, maxLength: 200, description: 'What the problem or need is, in a line' }),
  description: Type.String({ minLength: 1, maxLength: 4000 }),
  category: Nullable(Type.String({ maxLength: 64, description: 'Category code (as for reports), or null' })),
  place_text: Type.String({ maxLength: 300, description: 'Where, in words (soi, landmark)' }),
  lat: Nullable(Type.Number({ description: 'Pin latitude (with lng); in the district or within 1 km of the community' })),
  lng: Nullable(Type.Number()),
  households_affected: Type.Integer({ minimum: 0, maximum: 100_000, description: 'Households affected; not more than the community has' }),
  since_on: Nullable(DateOnly('Since when; not in the future')),
  rank: Type.Integer({ minimum: 1, maximum: 1000, description: 'Where it goes in the ranking (1 = most pressing); the others shift' }),
  report_codes: ReportCodes,
};

/** Checked by the route itself (JSON or multipart), without coercion: a plain union is right here. */
export const CreateNeedBody = Type.Object(
  {
    title: fields.title,
    description: fields.description,
    category: Type.Optional(fields.category),
    place_text: Type.Optional(fields.place_text),
    lat: Type.Optional(fields.lat),
    lng: Type.Optional(fields.lng),
    households_affected: fields.households_affected,
    since_on: Type.Optional(fields.since_on),
    rank: Type.Optional(fields.rank),
    report_codes: Type.Optional(fields.report_codes),
  },
  { additionalProperties: false },
);

export const PatchNeedBody = Type.Object(
  {
    title: Type.Optional(fields.title),
    description: Type.Optional(fields.description),
    category: Type.Optional(OrNull(fields.category.anyOf[0])),
    place_text: Type.Optional(fields.place_text),
    lat: Type.Optional(OrNull(fields.lat.anyOf[0])),
    lng: Type.Optional(OrNull(fields.lng.anyOf[0])),
    households_affected: Type.Optional(fields.households_affected),
    since_on: Type.Optional(OrNull(fields.since_on.anyOf[0])),
    rank: Type.Optional(fields.rank),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('withdrawn')], {
      description: 'Resolve or withdraw an open need, or open one again (it goes last unless a rank is given)',
    })),
    report_codes: Type.Optional(Type.Array(fields.report_codes.items, { maxItems: MAX_CITED_REPORTS, description: 'Replaces the cited reports' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
