import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/http/context.ts';
import { validationError } from '../../platform/http/error-handler.ts';
import { readMultipart } from '../../platform/http/multipart.ts';
import { fail } from '../../platform/http/problem.ts';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import { resolveCaller } from './proposals.caller.ts';
import { presentDetail, presentSummary } from './proposals.presenter.ts';
import type { QueryService } from './proposals.query.service.ts';
import type { ProposalsService } from './proposals.service.ts';
import { STRATEGIES } from './proposals.strategies.ts';
import type { WorkflowService } from './proposals.workflow.service.ts';
import * as S from './proposals.schema.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const tags = ['proposals'];
const DEFAULT_PAGE_SIZE = 20;

export interface ProposalsRouteDeps {
  db: Db;
  write: ProposalsService;
  workflow: WorkflowService;
  query: QueryService;
}

/** Community project proposals and their review: parse, resolve the caller, call the service, present. */
export async function proposalsRoutes(app: FastifyInstance, deps: ProposalsRouteDeps) {
  const { db, write, workflow, query } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const callerOf = (request: FastifyRequest) => resolveCaller(db, request.auth?.user ?? null, actorOf(request.auth));
  const detail = async (request: FastifyRequest, id: string) => presentDetail(await query.story(id, await callerOf(request)));

  r.get('/api/v1/proposals/strategies', {
    schema: { tags, summary: 'The BMA policy dimensions ("นโยบาย 9 ดี") a proposal can serve', response: { 200: S.StrategiesResponse } },
  }, async () => ({ items: STRATEGIES.map((s) => ({ ...s })) }));

  r.get('/api/v1/proposals/drafting', {
    schema: {
      tags, summary: "Committee member: what the proposal form needs (the community, its needs, the fiscal years one may ask for)",
      querystring: S.DraftingQuery, response: { 200: S.DraftingContext, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => {
    const c = await query.draftingContext(await callerOf(request), request.query.community);
    return {
      community: { code: c.place.code, name_th: c.place.name_th, name_en: c.place.name_en },
      district: { code: c.place.district_code, name_th: c.place.district_name_th, name_en: c.place.district_name_en },
      is_demo: c.place.is_demo,
      needs: c.needs.map((n) => ({ id: n.public_id, title: n.title, status: n.status, rank: n.rank, households_affected: n.households_affected })),
      fiscal_years: c.fiscalYears,
      strategies: STRATEGIES.map((s) => ({ ...s })),
    };
  });

  r.get('/api/v1/proposals', {
    schema: {
      tags, summary: 'Proposals, newest activity first (drafts only for their committee and district staff)',
      querystring: S.ListQuery, response: { 200: S.ProposalPage, ...errors(400, 401) },
    },
  }, async (request) => {
    const page = request.query.page ?? 1;
    const pageSize = request.query.page_size ?? DEFAULT_PAGE_SIZE;
    const result = await query.list(await callerOf(request), {
      communityCode: request.query.community, districtCode: request.query.district_code, state: request.query.state,
      assigned: request.query.assigned, fiscalYear: request.query.fiscal_year, page, pageSize,
    });
    return { items: result.rows.map(presentSummary), total: result.total, page, page_size: pageSize };
  });

  r.post('/api/v1/proposals', {
    schema: {
      tags, summary: 'Committee member: start a proposal for their community (a draft)',
      body: S.CreateBody, response: { 201: S.ProposalDetail, ...errors(400, 401, 403, 422) },
    },
  }, async (request, reply) => {
    const id = await write.create(await callerOf(request), request.body);
    return reply.status(201).send(await detail(request, id));
  });

  r.get('/api/v1/proposals/:id', {
    schema: { tags, summary: 'One proposal: its needs and the reports behind them, budget, every step, and what the caller may do', params: S.ProposalIdParams, response: { 200: S.ProposalDetail, ...errors(404) } },
  }, async (request) => detail(request, request.params.id));

  r.patch('/api/v1/proposals/:id', {
    schema: {
      tags, summary: 'Committee member: edit a draft, or a proposal sent back for revision',
      params: S.ProposalIdParams, body: S.PatchBody, response: { 200: S.ProposalDetail, ...errors(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => {
    await write.update(await callerOf(request), request.params.id, request.body);
    return detail(request, request.params.id);
  });

  r.post('/api/v1/proposals/:id/attachments', {
    schema: {
      tags, summary: "Committee member: attach documents (PDF) or photos (multipart/form-data, field 'files', up to 5)",
      params: S.ProposalIdParams, consumes: ['multipart/form-data'], response: { 201: S.AttachResponse, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw fail.badRequest('multipart_required', 'กรุณาส่งไฟล์แบบ multipart/form-data ในช่อง files', "Send the files as multipart/form-data in the field 'files'");
    const form = await readMultipart(request, 'files');
    const unknown = Object.keys(form.fields);
    if (unknown.length > 0) throw validationError(unknown.map((k) => ({ keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: k } })));
    const ids = await write.attach(await callerOf(request), request.params.id, form.named);
    return reply.status(201).send({ attachments: ids, proposal: await detail(request, request.params.id) });
  });

  r.get('/api/v1/proposals/:id/evaluators', {
    schema: {
      tags, summary: "District planner: officers and planners of the proposal's district office who may evaluate it",
      params: S.ProposalIdParams, response: { 200: S.EvaluatorsResponse, ...errors(401, 403, 404) },
    },
  }, async (request) => {
    const rows = await query.evaluators(request.params.id, await callerOf(request));
    return { items: rows.map((u) => ({ id: u.public_id, display_name: u.display_name, role: u.role as 'officer' | 'planner', open_reviews: u.open_reviews })) };
  });

  type Step<B> = (id: string, body: B, caller: Awaited<ReturnType<typeof callerOf>>) => Promise<void>;
  const step = <B>(path: string, summary: string, body: object, run: Step<B>) =>
    r.post(`/api/v1/proposals/:id/${path}`, {
      schema: { tags, summary, params: S.ProposalIdParams, body, response: { 200: S.ProposalDetail, ...errors(400, 401, 403, 404, 409, 422) } },
    }, async (request) => {
      await run(request.params.id, request.body as B, await callerOf(request));
      return detail(request, request.params.id);
    });

  step<{ note?: string }>('submit', 'Committee: submit (draft or revised → submitted; a revision goes back to its evaluator)', S.SubmitBody, (id, b, c) => workflow.submit(id, c, b.note));
  step<{ evaluator_id: string; note?: string }>('assign', 'District planner: assign an evaluator of the district office (submitted → under review)', S.AssignBody, (id, b, c) => workflow.assign(id, c, b.evaluator_id, b.note));
  step<{ note: string }>('request-revision', 'Evaluator or district planner: send back for revision, saying what to change', S.RevisionBody, (id, b, c) => workflow.requestRevision(id, c, b.note));
  step<{ feasibility: string; cost_check: string; carrying_agency_code: string; note?: string }>('accept', 'Evaluator or district planner: accept, with the review and the agency that would carry it out', S.AcceptBody, (id, b, c) => workflow.accept(id, c, b));
  step<{ reason: string }>('not-accept', 'Evaluator or district planner: do not accept, with the reason', S.NotAcceptBody, (id, b, c) => workflow.notAccept(id, c, b.reason));
  step<{ merged_into: string; note?: string }>('merge', 'Evaluator or district planner: merge into another proposal of the same district', S.MergeBody, (id, b, c) => workflow.merge(id, c, b.merged_into, b.note));
  step<{ note?: string }>('withdraw', 'Committee: withdraw the proposal', S.WithdrawBody, (id, b, c) => workflow.withdraw(id, c, b.note));
}
