/** TypeBox schemas of the community registry and committees: every field documented. */
import { Type } from 'typebox';
import { DistrictRef, LocalizedRef } from '../../platform/http/schemas.ts';
import { NeedView } from './communities.needs.schema.ts';
import { DateOnly, DateTime, LatLng, Nullable, OrNull } from './communities.schema-parts.ts';

export const KindEnum = Type.Union(
  [Type.Literal('crowded'), Type.Literal('urban'), Type.Literal('suburban'), Type.Literal('high_rise'), Type.Literal('special')],
  { description: 'crowded ชุมชนแออัด, urban ชุมชนเมือง, suburban ชุมชนชานเมือง, high_rise ชุมชนอาคารสูง, special ชุมชนรูปแบบพิเศษ' },
);
export const PositionEnum = Type.Union(
  [Type.Literal('chair'), Type.Literal('vice_chair'), Type.Literal('secretary'), Type.Literal('treasurer'), Type.Literal('member')],
  { description: 'Office on the committee; at most one current chair' },
);

export const CodeParams = Type.Object({
  code: Type.String({ pattern: '^10[0-5][0-9]-[0-9]{3}$', description: "Community code: district code, '-', running number (e.g. 1004-012)" }),
});
export const MemberParams = Type.Object({
  code: CodeParams.properties.code,
  memberId: Type.String({ pattern: '^[1-9][0-9]{0,18}$', description: 'Committee seat id' }),
});

export const ListQuery = Type.Object(
  {
    district_code: Type.Optional(Type.Integer({ minimum: 1001, maximum: 1050, description: 'Only this district' })),
    kind: Type.Optional(KindEnum),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the Thai (or English) name, or a community code' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

const Location = LatLng("The community's registered point (WGS84)");

export const CommunityAbilities = Type.Object({
  edit: Type.Boolean({ description: 'Change the registry entry (district staff)' }),
  manage_committee: Type.Boolean({ description: 'Add or end seats and give members accounts (district staff)' }),
  record_need: Type.Boolean({ description: 'Record a need (committee member of this community, or district staff)' }),
  rank_needs: Type.Boolean({ description: 'Re-rank and edit needs' }),
  write_proposal: Type.Boolean({ description: 'Write a project proposal for this community (committee member)' }),
}, { description: 'What the caller may do; the UI shows only these buttons' });

export const CommunitySummary = Type.Object({
  code: Type.String({ description: 'e.g. 1004-012' }),
  name_th: Type.String(),
  name_en: Nullable(Type.String()),
  kind: LocalizedRef,
  district: DistrictRef,
  location: Location,
  households: Type.Integer({ description: 'Registered households' }),
  population: Nullable(Type.Integer()),
  open_needs: Type.Integer({ description: 'Needs recorded and still open' }),
  is_demo: Type.Boolean({ description: 'Generated demo data ("ข้อมูลตัวอย่าง"), not a real community' }),
});

export const CommitteeMember = Type.Object({
  id: Type.String({ description: 'Seat id' }),
  full_name: Type.String(),
  position: LocalizedRef,
  term_start: DateOnly('First day of the term'),
  term_end: DateOnly('Last day of the term'),
  current: Type.Boolean({ description: 'Not ended and the term has not run out' }),
  ended_at: Nullable(DateTime),
  has_account: Nullable(Type.Boolean({ description: 'Shown to district staff only: the seat is linked to a sign-in account' })),
  is_demo: Type.Boolean(),
}, { description: 'A seat on the committee; no contact data' });

export const CommunityDetail = Type.Object({
  code: Type.String(),
  name_th: Type.String(),
  name_en: Nullable(Type.String()),
  kind: LocalizedRef,
  district: DistrictRef,
  location: Location,
  households: Type.Integer(),
  population: Nullable(Type.Integer()),
  registered_on: DateOnly('Date of registration with the BMA'),
  is_demo: Type.Boolean(),
  created_at: DateTime,
  updated_at: DateTime,
  committee: Type.Array(CommitteeMember, { description: 'Seats not ended, chair first' }),
  needs: Type.Array(NeedView, { description: 'Open needs by rank, then the others (in a proposal, resolved, withdrawn)' }),
  abilities: CommunityAbilities,
});

export const CommunityPage = Type.Object({
  items: Type.Array(CommunitySummary),
  total: Type.Integer(),
  page: Type.Integer(),
  page_size: Type.Integer(),
  abilities: Type.Object({
    register: Type.Boolean({ description: 'The caller may register communities (district staff in their district; administrators anywhere)' }),
  }),
});

const NameTh = Type.String({ minLength: 2, maxLength: 150, description: 'Thai name, e.g. ชุมชนวัดแก้วแจ่มฟ้า' });
const NameEn = OrNull(Type.String({ maxLength: 150, description: 'English name, when there is one' }));
const Households = Type.Integer({ minimum: 0, maximum: 100_000, description: 'Registered households' });
const Population = OrNull(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Registered residents' }));

export const CreateCommunityBody = Type.Object(
  {
    district_code: Type.Integer({ minimum: 1001, maximum: 1050, description: 'District the community lies in' }),
    name_th: NameTh,
    name_en: Type.Optional(NameEn),
    kind: KindEnum,
    lat: Type.Number({ description: 'A point inside the district' }),
    lng: Type.Number(),
    households: Households,
    population: Type.Optional(Population),
    registered_on: DateOnly('Date of registration; not in the future'),
  },
  { additionalProperties: false },
);

export const PatchCommunityBody = Type.Object(
  {
    name_th: Type.Optional(NameTh),
    name_en: Type.Optional(NameEn),
    kind: Type.Optional(KindEnum),
    lat: Type.Optional(Type.Number({ description: 'With lng; the point must stay inside the district' })),
    lng: Type.Optional(Type.Number()),
    households: Type.Optional(Households),
    population: Type.Optional(Population),
    registered_on: Type.Optional(DateOnly('Date of registration')),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const AddMemberBody = Type.Object(
  {
    full_name: Type.String({ minLength: 2, maxLength: 150, description: 'Name as elected' }),
    position: PositionEnum,
    term_start: DateOnly('First day of the term'),
    term_end: DateOnly(`Last day of the term; after term_start, at most 4 years later`),
  },
  { additionalProperties: false },
);

export const EndMemberBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why the seat ends early (resigned, moved away…), kept in the audit trail' })) },
  { additionalProperties: false },
);

export const AccountBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254, description: "The member's e-mail: a new citizen account is made for it, or the existing one is linked" }) },
  { additionalProperties: false },
);

export const CommitteeList = Type.Object({ items: Type.Array(CommitteeMember, { description: 'Every seat, ended ones too, chair first' }) });

export const AccountResponse = Type.Object({
  member: CommitteeMember,
  account: Type.Object({
    email: Type.String(),
    created: Type.Boolean({ description: 'A new account was made (false: an existing account was linked)' }),
    password: Nullable(Type.String({ description: 'The new account\'s password, shown this once and stored nowhere in clear; null when an existing account was linked' })),
  }),
});

export const MineResponse = Type.Object({
  seat: Nullable(Type.Object({
    community: Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Nullable(Type.String()), district: DistrictRef }),
    position: LocalizedRef,
  }, { description: "The caller's current committee seat" })),
});

export const NearbyQuery = Type.Object(
  { radius_m: Type.Optional(Type.Integer({ minimum: 100, maximum: 2000, default: 500, description: 'Radius around the community point, 100–2,000 m' })) },
  { additionalProperties: false },
);

export const NearbyResponse = Type.Object({
  radius_m: Type.Integer(),
  center: Location,
  by_category: Type.Array(Type.Object({
    code: Type.String({ description: 'Category code' }),
    name_th: Type.String(),
    name_en: Type.String(),
    open: Type.Integer({ description: 'Received or in progress' }),
    fixed: Type.Integer(),
  }), { description: 'Reports within the radius per category; closed reports are not counted' }),
  reports: Type.Array(Type.Object({
    code: Type.String({ description: 'Tracking code' }),
    category: LocalizedRef,
    state: Type.String({ description: 'received, in_progress, fixed or closed' }),
    description: Type.String({ description: 'The first 140 characters' }),
    distance_m: Type.Integer(),
    created_at: DateTime,
    is_demo: Type.Boolean(),
  }), { description: 'The latest 50 reports within the radius, newest first' }),
});
