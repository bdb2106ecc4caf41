import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireRole } from '../../platform/auth/auth.plugin.ts';
import type { Role } from '../../platform/auth/auth.types.ts';
import { actorOf } from '../../platform/http/context.ts';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import { fail } from '../../platform/http/problem.ts';
import { isMultipartRequest, readEvidenceForm } from './integrity.http.ts';
import type { IntakeService } from './integrity.intake.service.ts';
import type { WorkflowService } from './integrity.workflow.service.ts';
import type { CustodyService } from './integrity.custody.service.ts';
import { readComplaint } from './integrity.routes.ts';
import type { IntegrityChannel } from './integrity.tables.ts';
import * as S from './integrity.schema.ts';
import { Type, type Static } from 'typebox';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const tags = ['integrity-staff'];
const UNIT: Role[] = ['screening_officer', 'investigator', 'integrity_head'];
const WORKERS = (...codes: number[]) => ({ ...errors(400, 401, 403, 404, 409, 503), ...errors(...codes) });

/** Contents of a download name that are safe in a header. */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_') || 'evidence';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Integrity-unit staff routes: parse, authorize by role, call the service. */
export async function staffRoutes(app: FastifyInstance, deps: { intake: IntakeService; workflow: WorkflowService; custody: CustodyService }) {
  const { intake, workflow, custody } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const who = (request: FastifyRequest, roles: Role[] = UNIT) => ({ user: requireRole(request, roles), actor: actorOf(request.auth, 'integrity') });

  r.post('/api/v1/integrity/staff/complaints', {
    schema: {
      tags, summary: 'File a complaint for someone (call centre, paper, letter); the receipt must be replaced by the complainant on first return',
      consumes: ['application/json', 'multipart/form-data'], response: { 201: S.FiledResponse, ...errors(400, 401, 403, 413, 415, 422, 503) },
    },
  }, async (request, reply) => {
    const { user, actor } = who(request, ['screening_officer', 'integrity_head', 'agent']);
    void user;
    const { body, files } = await readComplaint(request, true);
    const filed = await intake.file(body, body.channel as IntegrityChannel, { ...actor, channel: body.channel ?? 'paper' }, files, true);
    return reply.status(201).send({ case_number: filed.caseNumber, receipt: filed.receipt.display, receipt_groups: filed.receipt.groups, must_reset: true });
  });

  r.get('/api/v1/integrity/staff/cases', {
    schema: { tags, summary: 'Case queue (screening officers and the head: every case not naming their own agency; investigators: their assigned cases)', querystring: S.StaffListQuery, response: { 200: S.StaffListResponse, ...errors(400, 401, 403) } },
  }, async (request) => workflow.list(who(request).user, request.query));

  r.get('/api/v1/integrity/staff/investigators', {
    schema: {
      tags, summary: 'Investigators a case can be assigned to (with ?case=, those from the named agency are left out)',
      querystring: Type.Object({ case: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), display_name: Type.String() })) }), ...errors(400, 401, 403, 404) },
    },
  }, async (request) => {
    const { user, actor } = who(request, ['screening_officer', 'integrity_head']);
    return workflow.investigators(user, actor, request.query.case);
  });

  r.get('/api/v1/integrity/staff/cases/:number', {
    schema: { tags, summary: 'One case in full, decrypted, with abilities (opening a received case starts screening)', params: S.CaseParams, response: { 200: S.StaffCaseResponse, ...WORKERS() } },
  }, async (request) => {
    const { user, actor } = who(request);
    return workflow.detail(user, actor, request.params.number);
  });

  const action = <B>(path: string, summary: string, body: unknown, run: (ctx: ReturnType<typeof who>, number: string, body: B) => Promise<unknown>, status = 200, roles: Role[] = UNIT) => {
    r.post(`/api/v1/integrity/staff/cases/:number/${path}`, {
      schema: { tags, summary, params: S.CaseParams, body: body as typeof S.TextBody, response: { [status]: status === 201 ? S.QuestionCreated : S.Ok, ...WORKERS(422) } },
    }, async (request, reply) => {
      const result = await run(who(request, roles), request.params.number, request.body as B);
      return reply.status(status).send({ ok: true as const, ...(typeof result === 'string' ? { id: result } : {}) });
    });
  };

  action<Static<typeof S.ScreenBody>>('screen', 'Screening decision: accept (investigation), not accepted (with reason) or refer to an outside body', S.ScreenBody,
    ({ user, actor }, n, b) => workflow.screen(user, actor, n, b));
  action<Static<typeof S.AssignBody>>('assign', 'Assign an investigator, who declares no conflict of interest', S.AssignBody,
    ({ user, actor }, n, b) => workflow.assign(user, actor, n, b));
  action<Static<typeof S.TextBody>>('questions', 'Ask the complainant a question (they see it with their receipt)', S.TextBody,
    ({ user, actor }, n, b) => workflow.ask(user, actor, n, b.text), 201);
  action<Static<typeof S.TextBody>>('notes', 'Add an internal note', S.TextBody, ({ user, actor }, n, b) => workflow.note(user, actor, n, b.text));
  action<Static<typeof S.FindingBody>>('finding', 'Record the finding and the findings report', S.FindingBody,
    ({ user, actor }, n, b) => workflow.finding(user, actor, n, b));
  action<Static<typeof S.SanctionsBody>>('sanctions', 'Record the sanctions (replaces the list; several allowed)', S.SanctionsBody,
    ({ user, actor }, n, b) => workflow.sanctions(user, actor, n, b.sanctions));
  action<Static<typeof S.ReasonBody>>('close', 'Close the case (reason required)', S.ReasonBody, ({ user, actor }, n, b) => workflow.close(user, actor, n, b.reason));
  action<Static<typeof S.ReasonBody>>('reopen', 'Reopen a closed case (reason required)', S.ReasonBody, ({ user, actor }, n, b) => workflow.reopen(user, actor, n, b.reason));
  action<Static<typeof S.MergeBody>>('merge', 'Merge this case into another (a duplicate)', S.MergeBody, ({ user, actor }, n, b) => workflow.merge(user, actor, n, b));
  action<Static<typeof S.LinkBody>>('links', "Link the case to a city report, plan item or contract", S.LinkBody, ({ user, actor }, n, b) => workflow.link(user, actor, n, b));

  r.post('/api/v1/integrity/staff/cases/:number/evidence', {
    schema: { tags, summary: 'Add evidence (multipart `evidence`, up to 5 files of 8 MB); assigned investigators', consumes: ['multipart/form-data'], params: S.CaseParams, response: { 201: S.Ok, ...WORKERS(413, 415, 422) } },
  }, async (request, reply) => {
    const { user, actor } = who(request);
    if (!isMultipartRequest(request)) throw fail.badRequest('multipart_required', 'กรุณาส่งไฟล์แบบ multipart/form-data', 'Send the files as multipart/form-data');
    const form = await readEvidenceForm(request);
    await workflow.addEvidence(user, actor, request.params.number, form.files);
    return reply.status(201).send({ ok: true as const });
  });

  r.get('/api/v1/integrity/staff/cases/:number/evidence/:id', {
    schema: { tags, summary: 'Download an evidence file, original bytes, as an attachment; assigned investigators only (audited)', params: S.EvidenceParams, response: { 200: S.FileDownload, ...WORKERS() } },
  }, async (request, reply) => {
    const { user, actor } = who(request);
    const file = await workflow.downloadEvidence(user, actor, request.params.number, request.params.id);
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', disposition(file.filename))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(file.data as never);
  });

  r.post('/api/v1/integrity/staff/cases/:number/identity-requests', {
    schema: { tags, summary: "Ask a custodian, in writing, to see the complainant's identity (assigned investigators)", params: S.CaseParams, body: S.JustificationBody, response: { 201: S.IdentityRequestCreated, ...WORKERS() } },
  }, async (request, reply) => {
    const { user, actor } = who(request);
    return reply.status(201).send(await custody.request(user, actor, request.params.number, request.body.justification));
  });

  r.get('/api/v1/integrity/staff/cases/:number/identity', {
    schema: { tags, summary: "The complainant's identity, for the investigator whose request a custodian approved; every view audited; irreversible", params: S.CaseParams, response: { 200: S.IdentityResponse, ...WORKERS() } },
  }, async (request) => {
    const { user, actor } = who(request);
    return custody.view(user, actor, request.params.number);
  });

  r.get('/api/v1/integrity/staff/identity-requests', {
    schema: { tags, summary: 'Identity requests to decide (custodians)', response: { 200: S.IdentityRequestList, ...errors(401, 403, 503) } },
  }, async (request) => custody.list(who(request, ['custodian']).user));

  r.post('/api/v1/integrity/staff/identity-requests/:id/decide', {
    schema: { tags, summary: 'Approve or refuse an identity request (custodians; refused when the complainant did not allow disclosure)', params: S.RequestParams, body: S.DecideBody, response: { 200: S.IdentityRequestCreated, ...WORKERS() } },
  }, async (request) => {
    const { user, actor } = who(request, ['custodian']);
    return custody.decide(user, actor, request.params.id, request.body.approve, request.body.reason);
  });
}
