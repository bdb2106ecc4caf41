import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Compile } from 'typebox/compile';
import { requireUser } from '../../platform/auth/auth.plugin.ts';
import { actorOf } from '../../platform/http/context.ts';
import { validationError } from '../../platform/http/error-handler.ts';
import { isMultipart, readMultipart } from '../../platform/http/multipart.ts';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import { planToCsv } from './plans.csv.ts';
import type { PlanItemsService } from './plans.items.service.ts';
import type { PlanProgressService, ProgressInput } from './plans.progress.service.ts';
import * as S from './plans.schema.ts';
import type { PlansService } from './plans.service.ts';
import { planToXlsx } from './plans.xlsx.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const tags = ['plans'];
const progressValidator = Compile(S.ProgressBody);
const who = (request: FastifyRequest) => ({ user: request.auth?.user ?? null, actor: actorOf(request.auth) });

/** Multipart fields arrive as text: numbers written as numbers become numbers; empty fields are dropped. */
function coerceProgressForm(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value.trim() === '') continue;
    out[key] = (key === 'quarter' || key === 'percent') && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  }
  return out;
}

async function readProgress(request: FastifyRequest): Promise<{ body: ProgressInput; files: { filename: string; data: Buffer }[] }> {
  let body: unknown = request.body;
  let files: { filename: string; data: Buffer }[] = [];
  if (isMultipart(request)) {
    const form = await readMultipart(request, 'files');
    body = coerceProgressForm(form.fields);
    files = form.named;
  }
  if (!progressValidator.Check(body)) {
    throw validationError([...progressValidator.Errors(body)].map((e) => ({ keyword: e.keyword, instancePath: e.instancePath, params: e.params as Record<string, unknown>, message: e.message })));
  }
  return { body: body as ProgressInput, files };
}

function download(reply: FastifyReply, data: Buffer, type: string, fileName: string) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .send(data);
}

/** Annual action plans: parse, call the service (which authorizes by policy), present. */
export async function plansRoutes(app: FastifyInstance, plans: PlansService, items: PlanItemsService, progress: PlanProgressService) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/plans', {
    schema: { tags, summary: 'Action plans: published ones for everyone, drafts for the agency\'s own staff; with totals and progress', querystring: S.ListQuery, response: { 200: S.PlanList, ...errors(400, 422) } },
  }, async (request) => plans.list(who(request).user, request.query));

  r.post('/api/v1/plans', {
    schema: { tags, summary: "Planner: start the agency's plan for a fiscal year (one per agency and year)", body: S.CreatePlanBody, response: { 201: S.PlanDetail, ...errors(400, 401, 403, 409, 422) } },
  }, async (request, reply) => {
    const { user, actor } = who(request);
    return reply.status(201).send(await plans.create(user, actor, request.body));
  });

  r.get('/api/v1/plans/districts/:code/progress', {
    schema: { tags, summary: "A district's progress for a fiscal year: its district office's plan and the department items in its communities, weighted by budget", params: S.DistrictParams, querystring: S.DistrictQuery, response: { 200: S.DistrictProgress, ...errors(400, 404) } },
  }, async (request) => plans.districtProgress(who(request).user, request.params.code, request.query.fiscal_year));

  r.get('/api/v1/plans/:id', {
    schema: { tags, summary: 'One plan: items with milestones and progress, totals against the ceiling, progress roll-up, abilities', params: S.PlanParams, response: { 200: S.PlanDetail, ...errors(400, 404) } },
  }, async (request) => plans.detail(who(request).user, request.params.id));

  r.patch('/api/v1/plans/:id', {
    schema: { tags, summary: 'Set the ceiling and its policy (agency administrators, admins) or publish the plan (planners)', params: S.PlanParams, body: S.UpdatePlanBody, response: { 200: S.PlanAnswer, ...errors(400, 401, 403, 404, 422) } },
  }, async (request) => {
    const { user, actor } = who(request);
    return plans.update(user, actor, request.params.id, request.body);
  });

  r.get('/api/v1/plans/:id/candidates', {
    schema: { tags, summary: 'Planner: accepted proposals that may be placed in this plan', params: S.PlanParams, response: { 200: S.CandidateList, ...errors(400, 401, 403, 404) } },
  }, async (request) => plans.candidates(who(request).user, request.params.id));

  r.get('/api/v1/plans/:id/export.xlsx', {
    schema: { tags, summary: 'The plan as an official-style XLSX table (published plans: anyone; drafts: the agency\'s staff)', params: S.PlanParams, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: { 200: S.FileDownload, ...errors(400, 404) } },
  }, async (request, reply) => {
    const table = await plans.exportTableOf(who(request).user, request.params.id);
    return download(reply, await planToXlsx(table), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${table.fileStem}.xlsx`);
  });

  r.get('/api/v1/plans/:id/export.csv', {
    schema: { tags, summary: 'The plan as CSV (UTF-8 with BOM), one row per item, money in baht and satang', params: S.PlanParams, produces: ['text/csv'], response: { 200: S.FileDownload, ...errors(400, 404) } },
  }, async (request, reply) => {
    const table = await plans.exportTableOf(who(request).user, request.params.id);
    return download(reply, planToCsv(table), 'text/csv; charset=utf-8', `${table.fileStem}.csv`);
  });

  r.post('/api/v1/plans/:id/items', {
    schema: { tags, summary: 'Planner: place an accepted proposal (proposal_id) or add an agency item (title, budget_requested_baht …)', params: S.PlanParams, body: S.AddItemBody, response: { 201: S.ItemAnswer, ...errors(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => {
    const { user, actor } = who(request);
    return reply.status(201).send(await items.addItem(user, actor, request.params.id, request.body));
  });

  r.get('/api/v1/plans/:id/items/:itemId', {
    schema: { tags, summary: 'One plan item with milestones, progress history (with photos) and abilities', params: S.ItemParams, response: { 200: S.ItemView, ...errors(400, 404) } },
  }, async (request) => items.getItem(who(request).user, request.params.id, request.params.itemId));

  r.patch('/api/v1/plans/:id/items/:itemId', {
    schema: { tags, summary: 'Planner: change an item — details, budgets (approval checked against the ceiling), status in order', params: S.ItemParams, body: S.UpdateItemBody, response: { 200: S.ItemAnswer, ...errors(400, 401, 403, 404, 409, 422) } },
  }, async (request) => {
    const { user, actor } = who(request);
    return items.updateItem(user, actor, request.params.id, request.params.itemId, request.body);
  });

  r.post('/api/v1/plans/:id/items/:itemId/milestones', {
    schema: { tags, summary: 'Planner: add a weighted milestone to an item', params: S.ItemParams, body: S.AddMilestoneBody, response: { 201: S.ItemAnswer, ...errors(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => {
    const { user, actor } = who(request);
    return reply.status(201).send(await progress.addMilestone(user, actor, request.params.id, request.params.itemId, request.body));
  });

  r.patch('/api/v1/plans/:id/items/:itemId/milestones/:milestoneId', {
    schema: { tags, summary: "Planner: change a milestone's title, weight or quarter", params: S.MilestoneParams, body: S.UpdateMilestoneBody, response: { 200: S.ItemAnswer, ...errors(400, 401, 403, 404, 409, 422) } },
  }, async (request) => {
    const { user, actor } = who(request);
    return progress.updateMilestone(user, actor, request.params.id, request.params.itemId, request.params.milestoneId, request.body);
  });

  r.post('/api/v1/plans/:id/items/:itemId/progress', {
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'Planner: report quarterly progress (JSON, or multipart/form-data with up to 5 `files` photos): quarter, milestone_id, percent, note, disbursed_baht',
      params: S.ItemParams, consumes: ['application/json', 'multipart/form-data'], response: { 201: S.ItemAnswer, ...errors(400, 401, 403, 404, 409, 413, 415, 422, 429) },
    },
  }, async (request, reply) => {
    requireUser(request); // before reading any upload
    const { user, actor } = who(request);
    const { body, files } = await readProgress(request);
    return reply.status(201).send(await progress.reportProgress(user, actor, request.params.id, request.params.itemId, body, files));
  });
}
