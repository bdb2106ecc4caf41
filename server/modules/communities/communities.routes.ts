import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireUser } from '../../platform/auth/auth.plugin.ts';
import { actorOf } from '../../platform/http/context.ts';
import { fail } from '../../platform/http/problem.ts';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import type { CommitteeService } from './communities.committee.service.ts';
import { presentSummary } from './communities.presenter.ts';
import type { CommunitiesService } from './communities.service.ts';
import * as S from './communities.schema.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const tags = ['communities'];

/** The registry and committees: parse, call the service (which authorizes), present. */
export async function communitiesRoutes(app: FastifyInstance, services: { communities: CommunitiesService; committee: CommitteeService }) {
  const { communities, committee } = services;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/communities', {
    schema: { tags, summary: 'Registered communities, filtered by district, kind or name', querystring: S.ListQuery, response: { 200: S.CommunityPage, ...errors(400) } },
  }, async (request) => {
    const q = request.query;
    const result = await communities.list({ district_code: q.district_code, kind: q.kind, q: q.q, page: q.page ?? 1, pageSize: q.page_size ?? 20 }, request.auth?.user ?? null);
    return { items: result.rows.map(presentSummary), total: result.total, page: result.page, page_size: result.pageSize, abilities: result.abilities };
  });

  r.get('/api/v1/communities/mine', {
    schema: { tags, summary: "The caller's current committee seat (null when they have none)", response: { 200: S.MineResponse, ...errors(401) } },
  }, async (request) => communities.mine(requireUser(request)));

  r.post('/api/v1/communities', {
    schema: { tags, summary: 'District staff: register a community (its point must lie inside the district)', body: S.CreateCommunityBody, response: { 201: S.CommunityDetail, ...errors(400, 401, 403, 409, 422) } },
  }, async (request, reply) => {
    const user = requireUser(request);
    const code = await communities.create(user, actorOf(request.auth), request.body);
    return reply.status(201).send(await communities.detail(code, user));
  });

  r.get('/api/v1/communities/:code', {
    schema: { tags, summary: 'A community: profile, committee, ranked needs with evidence, and what the caller may do', params: S.CodeParams, response: { 200: S.CommunityDetail, ...errors(400, 404) } },
  }, async (request) => communities.detail(request.params.code, request.auth?.user ?? null));

  r.patch('/api/v1/communities/:code', {
    schema: { tags, summary: "District staff: update a community's registry entry", params: S.CodeParams, body: S.PatchCommunityBody, response: { 200: S.CommunityDetail, ...errors(400, 401, 403, 404, 409, 422) } },
  }, async (request) => {
    const user = requireUser(request);
    await communities.update(user, actorOf(request.auth), request.params.code, request.body);
    return communities.detail(request.params.code, user);
  });

  r.get('/api/v1/communities/:code/nearby-reports', {
    schema: { tags, summary: 'City problem reports around a community: counts per category (open, fixed) and the latest 50', params: S.CodeParams, querystring: S.NearbyQuery, response: { 200: S.NearbyResponse, ...errors(400, 404) } },
  }, async (request) => communities.nearby(request.params.code, request.query.radius_m));

  r.get('/api/v1/communities/:code/committee', {
    schema: { tags, summary: 'District staff: every committee seat, ended ones too, with whether it has an account', params: S.CodeParams, response: { 200: S.CommitteeList, ...errors(401, 403, 404) } },
  }, async (request) => committee.list(requireUser(request), request.params.code));

  r.post('/api/v1/communities/:code/committee', {
    schema: { tags, summary: 'District staff: add a committee member (at most one current chair)', params: S.CodeParams, body: S.AddMemberBody, response: { 201: S.CommitteeMember, ...errors(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => {
    const user = requireUser(request);
    return reply.status(201).send(await committee.add(user, actorOf(request.auth), request.params.code, request.body));
  });

  r.post('/api/v1/communities/:code/committee/:memberId/end', {
    schema: { tags, summary: 'District staff: end a seat before its term runs out (its account can no longer act)', params: S.MemberParams, body: S.EndMemberBody, response: { 200: S.CommitteeMember, ...errors(400, 401, 403, 404, 409) } },
  }, async (request) => {
    const user = requireUser(request);
    return committee.end(user, actorOf(request.auth), request.params.code, request.params.memberId, request.body.reason);
  });

  r.post('/api/v1/communities/:code/committee/:memberId/account', {
    schema: {
      tags,
      summary: 'District staff: give a member a sign-in account (new citizen account with a one-time password, or link the existing one with that e-mail)',
      description: 'The password is in this response only. Idempotency-Key is refused here: a stored answer would keep the password.',
      params: S.MemberParams, body: S.AccountBody, response: { 201: S.AccountResponse, ...errors(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    if (request.headers['idempotency-key'] !== undefined) {
      throw fail.badRequest('idempotency_not_supported', 'คำขอนี้ใช้ Idempotency-Key ไม่ได้ เพราะคำตอบมีรหัสผ่านที่ต้องไม่ถูกเก็บไว้ ส่งใหม่ได้โดยไม่ต้องใส่คีย์ (ตำแหน่งที่มีบัญชีแล้วจะไม่ถูกสร้างซ้ำ)', 'Idempotency-Key cannot be used here: the answer holds a password that must not be stored. Retry without it; a seat that already has an account is never given a second');
    }
    const result = await committee.giveAccount(user, actorOf(request.auth), request.params.code, request.params.memberId, request.body.email);
    return reply.status(201).header('cache-control', 'no-store').send(result);
  });
}
