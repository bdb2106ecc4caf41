import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Compile } from 'typebox/compile';
import { Type } from 'typebox';
import { requireRole, requireUser } from '../../platform/auth/auth.plugin.ts';
import { STAFF_ROLES } from '../../platform/auth/auth.types.ts';
import { actorOf } from '../../platform/http/context.ts';
import { validationError } from '../../platform/http/error-handler.ts';
import { isMultipart, readMultipart } from '../../platform/http/multipart.ts';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import { sendOverloaded } from '../../platform/db/load-shedding.ts';
import { fail } from '../../platform/http/problem.ts';
import { normaliseTrackingCode } from './reports.codes.ts';
import type { LiveFrame } from '../../platform/live/live.hub.ts';
import { presentQueueItem, presentSummary } from './reports.presenter.ts';
import { installPublicPages } from './reports.public-cache.http.ts';
import type { ReportsServices } from './reports.module.ts';
import type { Caller } from './reports.workflow.service.ts';
import * as S from './reports.schema.ts';

const createValidator = Compile(S.CreateReportBody);
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const intakeLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

function callerOf(request: FastifyRequest): Caller {
  const token = request.headers['x-reporter-token'];
  return { user: request.auth?.user ?? null, reporterToken: typeof token === 'string' && token.length <= 200 ? token : null, actor: actorOf(request.auth) };
}

/** Multipart fields arrive as text; convert the numeric ones before schema validation. */
function coerceForm(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields };
  for (const key of ['lat', 'lng']) if (key in out && String(out[key]).trim() !== '') out[key] = Number(out[key]);
  for (const [key, value] of Object.entries(out)) if (value === '' && key !== 'description') delete out[key];
  return out;
}

export async function reportsRoutes(app: FastifyInstance, services: ReportsServices) {
  const { intake, workflow, query, suggester, media } = services;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const detail = (request: FastifyRequest, code: string) => query.detail(code, request.auth?.user ?? null, callerOf(request).reporterToken);

  r.get('/api/v1/categories/suggest', {
    schema: { tags: ['reports'], summary: 'Suggest categories for a description, best first', querystring: S.SuggestQuery, response: { 200: S.SuggestResponse, ...errors(400) } },
  }, async (request) => suggester.suggest(request.query.text, request.query.limit ?? 5));

  r.post('/api/v1/reports', {
    config: intakeLimit,
    schema: {
      tags: ['reports'],
      summary: 'File a report (JSON, or multipart/form-data with up to 4 photos)',
      consumes: ['application/json', 'multipart/form-data'],
      response: { 201: S.CreateReportResponse, ...errors(400, 401, 413, 415, 422, 429) },
    },
  }, async (request, reply) => {
    let body: unknown = request.body;
    let photos: Buffer[] = [];
    if (isMultipart(request)) {
      const form = await readMultipart(request);
      body = coerceForm(form.fields);
      photos = form.files;
    }
    if (!createValidator.Check(body)) {
      throw validationError([...createValidator.Errors(body)].map((e) => ({ keyword: e.keyword, instancePath: e.instancePath, params: e.params as Record<string, unknown>, message: e.message })));
    }
    const caller = callerOf(request);
    const created = await intake.create(body, photos, { user: caller.user, actor: caller.actor, channel: caller.actor.channel });
    // Presented from what was just written (tested equal to GET): no read back.
    return reply.status(201).send({ report: created.report, reporter_token: created.reporterToken });
  });

  r.get('/api/v1/reports', {
    schema: { tags: ['reports'], summary: 'Public list with filters and Thai full-text search', querystring: S.ListQuery, response: { 200: S.Page(S.ReportSummary), ...errors(400) } },
  }, async (request) => {
    const result = await query.list(request.query);
    return { items: result.rows.map(presentSummary), total: result.total, page: result.page, page_size: result.pageSize };
  });

  r.get('/api/v1/reports/nearby', {
    schema: { tags: ['reports'], summary: 'Open reports of a category within 250 m ("already reported?")', querystring: S.NearbyQuery, response: { 200: S.Page(S.NearbyItem), ...errors(400) } },
  }, async (request) => {
    const found = await intake.nearby(request.query.lat, request.query.lng, request.query.category);
    return { items: found.map((f) => ({ ...presentSummary(f.row), distance_m: Math.round(f.distance) })), total: found.length, page: 1, page_size: found.length };
  });

  // Anonymous visitors all get the same view: kept in memory, sent with an ETag.
  const publicPages = installPublicPages(app, query);
  r.get('/api/v1/reports/:code', {
    schema: {
      tags: ['reports'],
      summary: 'One report with its public timeline (staff of its agencies see internal notes)',
      description: 'Without a session or reporter key the answer carries a strong ETag; send it back in If-None-Match to get 304 while the report is unchanged.',
      params: S.CodeParams,
      response: { 200: S.ReportDetail, 304: Type.Null({ description: 'Not modified (If-None-Match)' }), ...errors(404) },
    },
  }, async (request, reply) => {
    // The answer depends on who asks: shared caches must tell the two kinds apart.
    void reply.header('vary', 'cookie, authorization, x-reporter-token');
    if (publicPages.anonymous(request)) return publicPages.send(request, reply, request.params.code);
    void reply.header('cache-control', 'private, no-cache');
    return detail(request, request.params.code);
  });

  // Live updates: the public state of a report, pushed when its timeline changes on any instance.
  const liveFrame = async (code: string): Promise<LiveFrame> => {
    const report = await query.publicView(code);
    const lastEventId = report.timeline.at(-1)?.id ?? '0';
    return { id: lastEventId, data: { code: report.code, last_event_id: lastEventId, report } };
  };
  app.live.define('report', liveFrame);

  r.get('/api/v1/reports/:code/events', {
    config: { longLived: true },
    schema: {
      tags: ['reports'],
      summary: 'Live updates of one report (Server-Sent Events)',
      description: 'A text/event-stream. Each `report` event carries `{code, last_event_id, report}`, where `report` is the report as an anonymous visitor sees it (GET /api/v1/reports/{code} without credentials); the first is sent at once, then one after each public change, from whichever server made it. Comments (": ping") keep the stream open. A client that signed in or holds a reporter key fetches its own view again when an event arrives. 503 with Retry-After when this server has no room for another stream.',
      params: S.CodeParams,
      produces: ['text/event-stream'],
      response: { 200: Type.String({ description: 'text/event-stream' }), ...errors(404, 503) },
    },
  }, async (request, reply) => {
    if (!app.live.accepting()) return sendOverloaded(request, reply, app.platform.config.scale.shedRetryAfterSeconds);
    const code = normaliseTrackingCode(request.params.code);
    if (!code) throw fail.notFound('ไม่พบเรื่องที่มีเลขนี้', 'No report with this tracking number');
    if (!(await app.live.open(reply, 'report', code, () => liveFrame(code)))) return sendOverloaded(request, reply, app.platform.config.scale.shedRetryAfterSeconds);
    return reply;
  });

  r.get('/api/v1/me/reports', {
    schema: { tags: ['reports'], summary: 'Reports I filed or follow', response: { 200: S.Page(S.ReportSummary), ...errors(401) } },
  }, async (request) => {
    const user = requireUser(request);
    const rows = await query.mine(user);
    return { items: rows.map(presentSummary), total: rows.length, page: 1, page_size: rows.length };
  });

  type Act = (request: FastifyRequest<{ Params: { code: string }; Body: never }>, caller: Caller) => Promise<unknown>;
  const action = (path: string, summary: string, body: object, run: Act, codes = [400, 401, 403, 404, 409, 422]) =>
    r.post(`/api/v1/reports/:code/${path}`, {
      schema: { tags: ['reports'], summary, params: S.CodeParams, body, response: { 200: S.ReportDetail, ...errors(...codes) } },
    }, async (request) => {
      await run(request as never, callerOf(request));
      return detail(request, request.params.code);
    });

  action('accept', 'Staff: accept (received → in progress)', S.EmptyBody, (q, c) => workflow.accept(q.params.code, c));
  action('forward', 'Staff: forward to another agency, with a reason', S.ForwardBody, (q, c) => { const b = q.body as { agency_code: string; reason: string }; return workflow.forward(q.params.code, c, b.agency_code, b.reason); });
  action('coowners', 'Staff: invite another agency to co-own the report', S.CoownerBody, (q, c) => { const b = q.body as { agency_code: string; note?: string }; return workflow.inviteCoowner(q.params.code, c, b.agency_code, b.note ?? null); });
  action('coowner-status', "Staff of a co-owning agency: set that agency's own status", S.CoownerStatusBody, (q, c) => { const b = q.body as { status: 'in_progress' | 'done' | 'declined'; note?: string }; return workflow.coownerStatus(q.params.code, c, b.status, b.note ?? null); });
  action('notes', 'Staff: add a public or internal note', S.NoteBody, (q, c) => { const b = q.body as { text: string; visibility: 'public' | 'internal' }; return workflow.note(q.params.code, c, b.text, b.visibility); });
  action('close', 'Staff: close without a fix, with a reason', S.CloseBody, (q, c) => { const b = q.body as { reason: 'duplicate'; note: string; duplicate_of?: string }; return workflow.close(q.params.code, c, b.reason, b.note, b.duplicate_of ?? null); });
  action('assign', 'Staff: assign to an officer of the agency (null to unassign)', S.AssignBody, (q, c) => workflow.assign(q.params.code, c, (q.body as { assignee_id: string | null }).assignee_id));
  action('category', 'Staff: correct the category (teaches the suggester)', S.CategoryBody, (q, c) => { const b = q.body as { category_code: string; reason: string }; return workflow.recategorize(q.params.code, c, b.category_code, b.reason); });
  action('reopen', 'Reporter: reopen within 30 days of a fix', S.ReopenBody, (q, c) => workflow.reopen(q.params.code, c, (q.body as { reason: string }).reason));
  action('rating', 'Reporter: rate the fix from 1 to 5', S.RatingBody, (q, c) => { const b = q.body as { stars: number; comment?: string }; return workflow.rate(q.params.code, c, b.stars, b.comment ?? null); });
  action('withdraw', 'Reporter: withdraw the report', S.WithdrawBody, (q, c) => workflow.withdraw(q.params.code, c, (q.body as { reason?: string }).reason ?? null));
  action('follow', 'Follow a report (signed in)', S.EmptyBody, (q, c) => workflow.follow(q.params.code, c, true));

  r.delete('/api/v1/reports/:code/follow', {
    schema: { tags: ['reports'], summary: 'Stop following a report', params: S.CodeParams, response: { 200: S.ReportDetail, ...errors(401, 404) } },
  }, async (request) => {
    await workflow.follow(request.params.code, callerOf(request), false);
    return detail(request, request.params.code);
  });

  r.post('/api/v1/reports/:code/support', {
    // Support orders the staff queue: anonymous support is limited hard per address.
    config: { rateLimit: { max: (request: FastifyRequest) => (request.auth ? 60 : 10), timeWindow: '1 hour', groupId: 'support' } },
    schema: { tags: ['reports'], summary: '"Me too": support an open report instead of filing a duplicate', params: S.CodeParams, body: S.EmptyBody, response: { 200: S.ReportDetail, ...errors(400, 404, 409, 429) } },
  }, async (request, reply) => {
    let key = request.cookies?.dp_supporter ?? null;
    if (!request.auth && (!key || !/^[A-Za-z0-9_-]{20,64}$/.test(key))) {
      key = (await import('../../platform/auth/tokens.ts')).newToken();
      void reply.setCookie('dp_supporter', key, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 24 * 3600, secure: app.platform.config.secureCookies });
    }
    await workflow.support(request.params.code, callerOf(request), key);
    return detail(request, request.params.code);
  });

  r.post('/api/v1/reports/:code/fix', {
    config: intakeLimit,
    schema: {
      tags: ['reports'], summary: 'Staff: mark fixed with a public note and after photos (multipart/form-data: note, photos)',
      params: S.CodeParams, consumes: ['multipart/form-data', 'application/json'], response: { 200: S.ReportDetail, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (request) => {
    requireRole(request, STAFF_ROLES);
    let note = '';
    let photos: Buffer[] = [];
    if (isMultipart(request)) {
      const form = await readMultipart(request);
      const unknown = Object.keys(form.fields).filter((k) => k !== 'note');
      if (unknown.length > 0) throw validationError(unknown.map((k) => ({ keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: k } })));
      note = form.fields.note ?? '';
      photos = form.files;
    } else {
      const body = (request.body ?? {}) as Record<string, unknown>;
      note = typeof body.note === 'string' ? body.note : '';
    }
    if (note.length > 4000) throw validationError([{ keyword: 'maxLength', instancePath: '/note', params: { limit: 4000 } }]);
    await workflow.fix(request.params.code, callerOf(request), note, photos);
    return detail(request, request.params.code);
  });

  r.get('/api/v1/staff/queue', {
    schema: { tags: ['staff'], summary: "The caller's agency queue: owned and co-owned reports", querystring: S.QueueQuery, response: { 200: S.Page(S.QueueItem), ...errors(400, 401, 403) } },
  }, async (request) => {
    const user = requireRole(request, STAFF_ROLES);
    const result = await query.queue(user, request.query);
    const now = new Date();
    return { items: result.rows.map((row) => presentQueueItem(row, now)), total: result.total, page: result.page, page_size: result.pageSize };
  });

  r.post('/api/v1/staff/queue/bulk', {
    schema: { tags: ['staff'], summary: 'Accept or assign many reports at once; each is checked on its own', body: S.BulkBody, response: { 200: S.BulkResponse, ...errors(400, 401, 403) } },
  }, async (request) => {
    requireRole(request, STAFF_ROLES);
    const caller = callerOf(request);
    const failed: Array<{ code: string; detail: string }> = [];
    let updated = 0;
    for (const code of request.body.codes) {
      try {
        if (request.body.action === 'accept') await workflow.accept(code, caller);
        else await workflow.assign(code, caller, request.body.assignee_id ?? null);
        updated += 1;
      } catch (error) {
        const text = (error as { text?: { th: string; en: string } }).text;
        failed.push({ code, detail: text ? text[request.locale] : 'error' });
      }
    }
    return { updated, failed };
  });

  app.get('/media/:key', { schema: { hide: true } }, async (request, reply) => {
    const { key } = request.params as { key: string };
    // Documents are served by /api/v1/attachments with their own type, never as images.
    const data = key.endsWith('.jpg') ? await media.read(key) : null;
    if (!data) return reply.callNotFound();
    return reply.type('image/jpeg').header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').send(data);
  });
}
