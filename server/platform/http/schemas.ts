import { Type } from 'typebox';

/** RFC 9457 problem details, as every error leaves the server. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'In the language asked for by Accept-Language (Thai by default)' }),
    code: Type.String({ description: 'Stable machine-readable error code' }),
    detail_th: Type.String(),
    detail_en: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({ field: Type.String(), message: Type.String(), message_th: Type.String(), message_en: Type.String() }),
      ),
    ),
  },
  { description: 'RFC 9457 problem details' },
);

export const LocalizedRef = Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Type.String() });

export const DistrictRef = Type.Object({ code: Type.Integer(), name_th: Type.String(), name_en: Type.String() });
