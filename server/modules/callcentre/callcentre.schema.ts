import { Type } from 'typebox';
import { DistrictRef, LocalizedRef } from '../../platform/http/schemas.ts';
import { StateEnum } from '../reports/reports.schema.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const CallerParams = Type.Object({
  phone: Type.String({ minLength: 1, maxLength: 20, description: 'The caller\'s number as the agent types it (08x-xxx-xxxx, +66 8x…)' }),
});

const Sentence = (what: string) => ({
  readback_th: Type.String({ description: `${what}, in Thai, to say aloud` }),
  readback_en: Type.String({ description: `${what}, in English, to say aloud` }),
});

export const CallerReport = Type.Object({
  code: Type.String({ description: 'Tracking number' }),
  state: StateEnum,
  category: LocalizedRef,
  district: Nullable(DistrictRef),
  agency: LocalizedRef,
  address: Nullable(Type.String()),
  channel: Type.String({ description: 'Where the report came in: web, line, call_centre…' }),
  matched_by: Type.Array(Type.Union([Type.Literal('contact_phone'), Type.Literal('sms_subscription'), Type.Literal('account_phone')]), {
    description: 'How the report is tied to this number',
  }),
  created_at: DateTime,
  updated_at: DateTime,
  fixed_at: Nullable(DateTime),
  closed_at: Nullable(DateTime),
});

export const CallerHistory = Type.Object({
  phone: Type.String({ description: 'The number in international form (+66…)' }),
  total: Type.Integer({ description: 'All reports tied to the number' }),
  open: Type.Integer({ description: 'Of those, still received or in progress' }),
  items: Type.Array(CallerReport, { description: 'Newest first, at most 20' }),
  ...Sentence('The history in one sentence'),
});

export const PlacesQuery = Type.Object(
  {
    district: Type.String({ minLength: 1, maxLength: 60, description: 'District code (1001–1050) or its Thai or English name' }),
    q: Type.Optional(Type.String({ maxLength: 300, description: 'Subdistrict, road/soi and landmark as the caller said them (kept as address text)' })),
    lat: Type.Optional(Type.Number({ description: 'Pin latitude, when the agent has one' })),
    lng: Type.Optional(Type.Number({ description: 'Pin longitude, when the agent has one' })),
  },
  { additionalProperties: false },
);

export const ResolvedPlace = Type.Object({
  lat: Type.Number(),
  lng: Type.Number(),
  precision: Type.Union([Type.Literal('district'), Type.Literal('pin')], {
    description: '"district": a point well inside the named district, not the exact spot; "pin": the agent\'s pin',
  }),
  district: DistrictRef,
  named_district: Nullable(DistrictRef),
  district_mismatch: Type.Boolean({ description: 'The pin lies in another district than the one named; the report follows the pin' }),
  note_th: Type.String(),
  note_en: Type.String(),
});

export const PlacesResponse = Type.Object({
  place: ResolvedPlace,
  address: Nullable(Type.String({ description: 'The place names as they will be stored' })),
});

const LINE_USER_ID = '^U[0-9a-f]{32}$';

export const FileReportBody = Type.Object(
  {
    caller_phone: Type.String({ minLength: 1, maxLength: 20, description: 'The caller\'s phone number' }),
    caller_name: Type.Optional(Type.String({ maxLength: 100 })),
    district: Type.Integer({ description: 'District code, 1001–1050' }),
    subdistrict: Type.Optional(Type.String({ maxLength: 100, description: 'แขวง' })),
    road: Type.Optional(Type.String({ maxLength: 150, description: 'Road or soi' })),
    landmark: Type.Optional(Type.String({ maxLength: 200, description: 'Something nearby the caller named' })),
    lat: Type.Optional(Type.Number({ description: 'Pin latitude, when the agent has one (then lng too)' })),
    lng: Type.Optional(Type.Number({ description: 'Pin longitude' })),
    category: Type.String({ minLength: 1, maxLength: 64, description: 'Category code' }),
    description: Type.String({ maxLength: 4000 }),
    follow_up: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('sms'), Type.Literal('line')], {
      description: 'Tell the caller of progress by SMS (to caller_phone) or LINE (to line_user_id); default none',
    })),
    line_user_id: Type.Optional(Type.String({ maxLength: 40, pattern: LINE_USER_ID, description: 'The caller\'s LINE user id (U + 32 hex); required when follow_up is line' })),
  },
  { additionalProperties: false },
);

export const FiledReport = Type.Object({
  report: Type.Object({
    code: Type.String(),
    state: StateEnum,
    category: LocalizedRef,
    district: Nullable(DistrictRef),
    agency: LocalizedRef,
    address: Nullable(Type.String()),
    channel: Type.String(),
    created_at: DateTime,
  }),
  place: ResolvedPlace,
  follow_up: Type.Object({
    channel: Type.Union([Type.Literal('none'), Type.Literal('sms'), Type.Literal('line')]),
    confirmation_queued: Type.Boolean({ description: 'A message with the tracking number is waiting in the outbox' }),
  }),
  ...Sentence('The tracking number spelled one character at a time'),
});
