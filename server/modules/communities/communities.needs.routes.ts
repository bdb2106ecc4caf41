import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Compile } from 'typebox/compile';
import { requireUser } from '../../platform/auth/auth.plugin.ts';
import { actorOf } from '../../platform/http/context.ts';
import { validationError } from '../../platform/http/error-handler.ts';
import { isMultipart, readMultipart } from '../../platform/http/multipart.ts';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import * as N from './communities.needs.schema.ts';
import type { NeedInput, NeedsService } from './communities.needs.service.ts';
import { splitCodeList } from './communities.rules.ts';
import { CodeParams } from './communities.schema.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const tags = ['communities'];
const createValidator = Compile(N.CreateNeedBody);
const uploadLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** Multipart fields arrive as text: numbers become numbers, the code list a list, blanks vanish. */
export function coerceNeedForm(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value.trim() === '') continue;
    if (['lat', 'lng', 'households_affected', 'rank'].includes(key)) out[key] = /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
    else if (key === 'report_codes') out[key] = splitCodeList(value);
    else out[key] = value;
  }
  return out;
}

function formErrors(body: unknown) {
  return validationError([...createValidator.Errors(body)].map((e) => ({ keyword: e.keyword, instancePath: e.instancePath, params: e.params as Record<string, unknown>, message: e.message })));
}

/** Needs of a community and their evidence: parse, call the service (which authorizes), present. */
export async function needsRoutes(app: FastifyInstance, needs: NeedsService) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/communities/:code/needs', {
    schema: { tags, summary: "A community's needs: open ones by rank, then the others, with evidence", params: CodeParams, response: { 200: N.NeedList, ...errors(400, 404) } },
  }, async (request) => needs.list(request.params.code, request.auth?.user ?? null));

  r.post('/api/v1/communities/:code/needs', {
    config: uploadLimit,
    schema: {
      tags,
      summary: 'Committee member or district staff: record a need (JSON, or multipart/form-data with photos/PDFs in "files")',
      description: 'In multipart form, report_codes is one field listing codes separated by commas.',
      params: CodeParams, consumes: ['application/json', 'multipart/form-data'],
      response: { 201: N.NeedView, ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    let body: unknown = request.body;
    let files: { filename: string; data: Buffer }[] = [];
    if (isMultipart(request)) {
      const form = await readMultipart(request, 'files');
      body = coerceNeedForm(form.fields);
      files = form.named;
    }
    if (!createValidator.Check(body)) throw formErrors(body);
    const id = await needs.create(user, actorOf(request.auth), request.params.code, body as NeedInput, files);
    return reply.status(201).send(await needs.view(request.params.code, id, user));
  });

  r.get('/api/v1/communities/:code/needs/:needId', {
    schema: { tags, summary: 'One need with its evidence and what the caller may do', params: N.NeedParams, response: { 200: N.NeedView, ...errors(400, 404) } },
  }, async (request) => needs.view(request.params.code, request.params.needId, request.auth?.user ?? null));

  r.patch('/api/v1/communities/:code/needs/:needId', {
    schema: {
      tags, summary: 'Committee member or district staff: change a need, move its rank (others shift), resolve or withdraw it, or replace its cited reports',
      params: N.NeedParams, body: N.PatchNeedBody, response: { 200: N.NeedView, ...errors(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => {
    const user = requireUser(request);
    await needs.update(user, actorOf(request.auth), request.params.code, request.params.needId, request.body);
    return needs.view(request.params.code, request.params.needId, user);
  });

  r.post('/api/v1/communities/:code/needs/:needId/attachments', {
    config: uploadLimit,
    schema: {
      tags, summary: 'Committee member or district staff: add photos or PDF documents (multipart/form-data, field "files", up to 5)',
      params: N.NeedParams, consumes: ['multipart/form-data'], response: { 201: N.NeedView, ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    if (!isMultipart(request)) throw validationError([{ keyword: 'required', instancePath: '', params: { missingProperty: 'files' } }]);
    const form = await readMultipart(request, 'files');
    const unknown = Object.keys(form.fields);
    if (unknown.length > 0) throw validationError(unknown.map((k) => ({ keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: k } })));
    await needs.addAttachments(user, actorOf(request.auth), request.params.code, request.params.needId, form.named);
    return reply.status(201).send(await needs.view(request.params.code, request.params.needId, user));
  });

  r.delete('/api/v1/communities/:code/needs/:needId/attachments/:attachmentId', {
    schema: { tags, summary: 'Committee member or district staff: remove a file from a need', params: N.AttachmentParams, response: { 200: N.NeedView, ...errors(400, 401, 403, 404) } },
  }, async (request) => {
    const user = requireUser(request);
    await needs.removeAttachment(user, actorOf(request.auth), request.params.code, request.params.needId, request.params.attachmentId);
    return needs.view(request.params.code, request.params.needId, user);
  });
}
