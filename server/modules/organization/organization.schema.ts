import { Type } from 'typebox';
import { DistrictRef, LocalizedRef } from '../../platform/http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DistrictItem = Type.Object({
  code: Type.Integer({ description: 'Department of Provincial Administration code, 1001–1050' }),
  name_th: Type.String(),
  name_en: Type.String(),
  area_km2: Nullable(Type.Number()),
  population_2018: Nullable(Type.Integer()),
  communities_2018: Nullable(Type.Integer()),
});

export const AgencyItem = Type.Object({
  code: Type.String(),
  kind: Type.Union([Type.Literal('district_office'), Type.Literal('department'), Type.Literal('external')]),
  name_th: Type.String(),
  name_en: Type.String(),
  district_code: Nullable(Type.Integer()),
});

export const CategoryItem = Type.Object({
  code: Type.String(),
  name_th: Type.String(),
  name_en: Type.String(),
  description_th: Type.String(),
  description_en: Type.String(),
  routing: Type.Union([
    Type.Object({ kind: Type.Literal('district_office') }),
    Type.Object({ kind: Type.Literal('agency'), agency: LocalizedRef }),
  ]),
  first_response_hours: Type.Integer({ description: 'Target time to first response' }),
  fix_hours: Type.Integer({ description: 'Target time to fix' }),
  after_photo_required: Type.Boolean({ description: 'Marking fixed needs an after photo' }),
});

export const LocateQuery = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
);

export const LocateResponse = Type.Union([
  Type.Object({ inside: Type.Literal(true), district: DistrictRef }),
  Type.Object({ inside: Type.Literal(false), message_th: Type.String(), message_en: Type.String() }),
]);

export const CategoryPatchBody = Type.Object(
  {
    routing_kind: Type.Optional(Type.Union([Type.Literal('district_office'), Type.Literal('agency')])),
    routing_agency_code: Type.Optional(Type.String({ maxLength: 64 })),
    first_response_hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 8760 })),
    fix_hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 8760 })),
    after_photo_required: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const StaffItem = Type.Object({
  id: Type.String(),
  email: Nullable(Type.String()),
  display_name: Type.String(),
  role: Type.String(),
  agency: Nullable(LocalizedRef),
  disabled: Type.Boolean(),
});

export const StaffCreateBody = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    display_name: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 8, maxLength: 256 }),
    agency_code: Type.Optional(Type.String({ maxLength: 64, description: 'Required for officers and agency administrators; 1555 agents have none; for integrity-unit staff it is optional and names their home agency (used only to keep them off complaints naming it)' })),
    role: Type.Union([
      Type.Literal('officer'), Type.Literal('agency_admin'), Type.Literal('agent'), Type.Literal('planner'),
      Type.Literal('screening_officer'), Type.Literal('investigator'), Type.Literal('custodian'), Type.Literal('integrity_head'),
    ], {
      description: 'planner = reviews community proposals and builds the agency\'s annual action plan (needs agency_code); agent = 1555 call-centre agent; screening_officer, investigator, custodian, integrity_head = integrity unit (corruption complaints). These (system administrators only)',
    }),
  },
  { additionalProperties: false },
);

export const CategoryCodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });

export const AgencyCreateBody = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 63, description: 'a-z, 0-9 and -' }),
    kind: Type.Union([Type.Literal('department'), Type.Literal('external')], { description: 'District offices come from the reference data' }),
    name_th: Type.String({ minLength: 1, maxLength: 200 }),
    name_en: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const AgencyPatchBody = Type.Object(
  {
    name_th: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    name_en: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const AdminAgencyItem = Type.Intersect([AgencyItem, Type.Object({ active: Type.Boolean() })]);

export const StaffPatchBody = Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false });
export const StaffIdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
