import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import { describeFields, OPEN_DATA, type OpenDataset } from './accountability.definitions.ts';
import type { AccountabilityService } from './accountability.service.ts';
import * as S from './accountability.schema.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const tags = ['accountability'];
const DATASETS = Object.keys(OPEN_DATA) as OpenDataset[];

/** Public, read-only: the funnel, each proposal's story and the open-data files. */
export async function accountabilityRoutes(app: FastifyInstance, service: AccountabilityService) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/proposals/:id/story', {
    schema: {
      tags, summary: 'A proposal\'s public story: needs and the reports behind them, every step, budget, decision, plan placement, money and progress',
      description: 'Drafts answer 404, exactly like an unknown id. No personal data: no user ids, e-mails or phones; steps carry only a public label of who took them.',
      params: S.StoryParams, response: { 200: S.Story, ...errors(404) },
    },
  }, async (request) => service.story(request.params.id));

  r.get('/api/v1/plans/accountability', {
    schema: {
      tags, summary: 'Proposals submitted → accepted → in a plan → funded → delivered, with money, for the city, a district or a community',
      description: 'Without a district: one row per district (by_district). With a district: its communities (by_community). The rules of each step are in `definitions`.',
      querystring: S.FunnelQuery, response: { 200: S.FunnelResponse, ...errors(400) },
    },
  }, async (request) => service.funnel(request.query));

  for (const dataset of DATASETS) {
    const d = OPEN_DATA[dataset];
    r.get(`/api/v1/plans/open-data/${dataset}.json`, {
      schema: {
        tags, summary: `Open data (JSON): ${d.title_en.toLowerCase()}`,
        description: `${d.note_en}. Columns: ${describeFields(d.fields)}.`,
        querystring: S.OpenDataQuery, response: { 200: S.OpenDataJson, ...errors(400) },
      },
    }, async (request, reply) => {
      const file = await service.openDataJsonFile(dataset, request.query);
      return reply.header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
    });

    r.get(`/api/v1/plans/open-data/${dataset}.csv`, {
      schema: {
        tags, summary: `Open data (CSV, UTF-8 with BOM, RFC 4180): ${d.title_en.toLowerCase()}`,
        description: `${d.note_en}. Columns, in order: ${describeFields(d.fields)}.`,
        querystring: S.OpenDataQuery,
        response: {
          200: { description: 'CSV file', content: { 'text/csv': { schema: Type.String() } } },
          ...errors(400),
        },
      },
    }, async (request, reply) => {
      const file = await service.openDataCsvFile(dataset, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    });
  }
}
