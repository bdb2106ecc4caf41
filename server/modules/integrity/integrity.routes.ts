import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Compile } from 'typebox/compile';
import { validationError } from '../../platform/http/error-handler.ts';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import { anonymousRateKey, complaintFromForm, isMultipartRequest, readEvidenceForm } from './integrity.http.ts';
import { CASE_TOKEN_TTL_MS, WHISTLEBLOWER_ACTOR, type ComplaintInput, type EvidenceFile, type IntakeService } from './integrity.intake.service.ts';
import type { createPublicService } from './integrity.public.service.ts';
import * as S from './integrity.schema.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const tags = ['integrity'];
const complaintValidator = Compile(S.ComplaintBody);
const staffComplaintValidator = Compile(S.StaffComplaintBody);

/** Validates a complaint from JSON or multipart (the schema cannot see multipart bodies). */
export async function readComplaint(request: FastifyRequest, staff: boolean): Promise<{ body: ComplaintInput & { channel?: string }; files: EvidenceFile[] }> {
  let body: unknown = request.body;
  let files: EvidenceFile[] = [];
  if (isMultipartRequest(request)) {
    const form = await readEvidenceForm(request);
    body = complaintFromForm(form.fields);
    files = form.files;
  }
  const validator = staff ? staffComplaintValidator : complaintValidator;
  if (!validator.Check(body)) {
    throw validationError([...validator.Errors(body)].map((e) => ({ keyword: e.keyword, instancePath: e.instancePath, params: e.params as Record<string, unknown>, message: e.message })));
  }
  return { body: body as ComplaintInput & { channel?: string }, files };
}

/** Whistleblower routes (no account) and the public register and figures. */
export async function whistleblowerRoutes(app: FastifyInstance, deps: { intake: IntakeService; publicService: ReturnType<typeof createPublicService>; unitKey: Buffer | null }) {
  const { intake, publicService } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const keyGenerator = anonymousRateKey(deps.unitKey);
  const limit = (max: number, timeWindow: string, groupId: string) => ({ rateLimit: { max, timeWindow, groupId, keyGenerator } });
  const token = (request: FastifyRequest) => {
    const raw = request.headers['x-case-token'];
    return Array.isArray(raw) ? raw[0] : raw;
  };

  r.post('/api/v1/integrity/complaints', {
    config: limit(10, '1 hour', 'integrity-file'),
    schema: {
      tags, summary: 'File a corruption complaint, anonymously (JSON, or multipart with up to 5 `evidence` files of 8 MB). The receipt is shown once.',
      consumes: ['application/json', 'multipart/form-data'],
      response: { 201: S.FiledResponse, ...errors(400, 413, 415, 422, 429, 503) },
    },
  }, async (request, reply) => {
    const { body, files } = await readComplaint(request, false);
    const filed = await intake.file(body, 'web', WHISTLEBLOWER_ACTOR, files, false);
    return reply.status(201).send({ case_number: filed.caseNumber, receipt: filed.receipt.display, receipt_groups: filed.receipt.groups, must_reset: false });
  });

  r.post('/api/v1/integrity/cases/access', {
    config: limit(10, '10 minutes', 'integrity-access'),
    schema: {
      tags, summary: 'Open a case with its number and receipt; the same 401 for an unknown case and a wrong receipt',
      body: S.AccessBody, response: { 200: S.AccessResponse, ...errors(400, 401, 429, 503) },
    },
  }, async (request) => {
    const opened = await intake.access(request.body.case_number, request.body.receipt);
    return { case_view_token: opened.token, must_reset: opened.mustReset, expires_in: CASE_TOKEN_TTL_MS / 1000 };
  });

  r.post('/api/v1/integrity/cases/reset-receipt', {
    config: limit(20, '10 minutes', 'integrity-case'),
    schema: { tags, summary: 'Replace the receipt (the old one stops working); required first after staff filing', headers: S.CaseTokenHeaders, response: { 200: S.ReceiptResponse, ...errors(401, 429, 503) } },
  }, async (request) => {
    const row = await intake.caseFromToken(token(request), true);
    const receipt = await intake.resetReceipt(row);
    return { receipt: receipt.display, receipt_groups: receipt.groups };
  });

  r.get('/api/v1/integrity/cases/mine', {
    config: limit(120, '10 minutes', 'integrity-case'),
    schema: { tags, summary: "The complainant's view of the case: stages, questions, evidence (no staff names)", headers: S.CaseTokenHeaders, response: { 200: S.MineResponse, ...errors(401, 403, 429, 503) } },
  }, async (request) => intake.mine(await intake.caseFromToken(token(request))));

  r.post('/api/v1/integrity/cases/mine/answers', {
    config: limit(60, '10 minutes', 'integrity-case'),
    schema: { tags, summary: "Answer an investigator's question", headers: S.CaseTokenHeaders, body: S.AnswerBody, response: { 201: S.Ok, ...errors(400, 401, 403, 404, 409, 429, 503) } },
  }, async (request, reply) => {
    const row = await intake.caseFromToken(token(request));
    await intake.answer(row, request.body.question_id, request.body.text);
    return reply.status(201).send({ ok: true as const });
  });

  r.post('/api/v1/integrity/cases/mine/evidence', {
    config: limit(20, '10 minutes', 'integrity-evidence'),
    schema: { tags, summary: 'Add evidence files (multipart `evidence`, up to 5 of 8 MB)', consumes: ['multipart/form-data'], headers: S.CaseTokenHeaders, response: { 201: S.Ok, ...errors(400, 401, 403, 409, 413, 415, 422, 429, 503) } },
  }, async (request, reply) => {
    const row = await intake.caseFromToken(token(request));
    if (!isMultipartRequest(request)) throw validationError([{ keyword: 'required', instancePath: '', params: { missingProperty: 'evidence' } }]);
    const form = await readEvidenceForm(request);
    await intake.addEvidence(row, form.files, 'complainant', WHISTLEBLOWER_ACTOR, null);
    return reply.status(201).send({ ok: true as const });
  });

  r.get('/api/v1/integrity/register', {
    schema: { tags, summary: 'Public register of cases, anonymised (no complainant data; officials named only where a sanction is final and policy allows)', querystring: S.RegisterQuery, response: { 200: S.RegisterResponse, ...errors(400) } },
  }, async (request) => publicService.register(request.query));

  r.get('/api/v1/integrity/figures', {
    schema: { tags, summary: 'Public figures: received by month and channel, by stage, median days per stage, share substantiated, sanctions by kind', querystring: S.FiguresQuery, response: { 200: S.FiguresResponse, ...errors(400) } },
  }, async (request) => publicService.figures(request.query));
}
