import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireUser } from '../../platform/auth/auth.plugin.ts';
import { actorOf } from '../../platform/http/context.ts';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import { presentFiled, presentHistory, presentPlace } from './callcentre.presenter.ts';
import { CALLCENTRE_CHANNEL, type CallCentreService } from './callcentre.service.ts';
import * as S from './callcentre.schema.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const tags = ['callcentre'];

/** The 1555 call centre: parse, authorize (in the service, by policy), call, present. */
export async function callCentreRoutes(app: FastifyInstance, service: CallCentreService) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/callcentre/callers/:phone', {
    // Each lookup reads personal data: a generous limit for a busy agent, a wall for a scraper.
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags, summary: "Agent: a caller's earlier reports, with a sentence to read back (the lookup is audited)",
      params: S.CallerParams, response: { 200: S.CallerHistory, ...errors(400, 401, 403, 429) },
    },
  }, async (request) => {
    const user = requireUser(request);
    return presentHistory(await service.lookupCaller(user, actorOf(request.auth, CALLCENTRE_CHANNEL), request.params.phone));
  });

  r.get('/api/v1/callcentre/places', {
    schema: {
      tags, summary: 'Agent: resolve a location from a district and place names, or from a pin',
      querystring: S.PlacesQuery, response: { 200: S.PlacesResponse, ...errors(400, 401, 403, 422) },
    },
  }, async (request) => {
    const user = requireUser(request);
    const result = service.resolvePlaces(user, request.query);
    return { place: presentPlace(result.place), address: result.address };
  });

  r.post('/api/v1/callcentre/reports', {
    schema: {
      tags, summary: 'Agent: file a report for a caller by place names (or a pin), with optional SMS/LINE follow-up',
      body: S.FileReportBody, response: { 201: S.FiledReport, ...errors(400, 401, 403, 422) },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const filed = await service.fileReport(user, actorOf(request.auth, CALLCENTRE_CHANNEL), request.body);
    return reply.status(201).send(presentFiled(filed));
  });
}
