import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import type { createTransparencyService } from './transparency.service.ts';

const Num = Type.Union([Type.Number(), Type.Null()]);
const Figures = {
  received: Type.Integer(), fixed: Type.Integer(), closed_unfixed: Type.Integer(), open: Type.Integer(),
  median_first_response_hours: Num, median_fix_hours: Num, rating_avg: Num, rating_count: Type.Integer(), demo_reports: Type.Integer(),
};

const FiguresResponse = Type.Object({
  period: Type.Object({ from: Type.String({ description: 'Start of the first Bangkok day counted' }), to: Type.String({ description: 'End of the last Bangkok day counted (exclusive)' }) }),
  district: Type.Union([Type.Integer(), Type.Null()], { description: 'The district the figures are for; null for the whole city' }),
  totals: Type.Object(Figures),
  group_by: Type.Union([Type.String(), Type.Null()]),
  groups: Type.Array(Type.Object({ key: Type.String(), name_th: Type.String(), name_en: Type.String(), ...Figures, fixed_share: Num, ranked: Type.Boolean() })),
  definitions: Type.Record(Type.String(), Type.String()),
});

const FiguresQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD (Bangkok), default one year ago' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD inclusive, default now' })),
  group_by: Type.Optional(Type.Union([Type.Literal('district'), Type.Literal('agency'), Type.Literal('category'), Type.Literal('channel'), Type.Literal('month')])),
  district: Type.Optional(Type.Integer({ minimum: 1001, maximum: 1050, description: 'Figures for one district (code 1001–1050); combines with group_by=month only' })),
}, { additionalProperties: false });

export async function transparencyRoutes(app: FastifyInstance, opts: { transparency: ReturnType<typeof createTransparencyService> }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/v1/figures', {
    schema: { tags: ['transparency'], summary: 'Public figures: received, fixed, closed, open, median times; for the city or one district, by district, agency, category, channel or month', querystring: FiguresQuery, response: { 200: FiguresResponse, 400: ProblemSchema } },
  }, async (request) => opts.transparency.publicFigures(request.query));
}
