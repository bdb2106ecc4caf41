import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, fail } from '../../platform/http/problem.ts';
import { dailyAddressKey } from './integrity.crypto.ts';
import type { EvidenceFile } from './integrity.intake.service.ts';

export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BYTES = 8 * 1024 * 1024;
const PUBLIC_PATHS = ['/api/v1/integrity/register', '/api/v1/integrity/figures'];

/** A request as the log may see it on these routes: method and route pattern, nothing else. */
export function anonymousRequestLog(request: { method: string; routeOptions?: { url?: string }; url: string }) {
  return { method: request.method, url: request.routeOptions?.url ?? (request.url.split('?')[0] ?? '').replace(/\/[A-Z0-9-]{6,}(?=\/|$)/g, '/:id') };
}

/**
 * The privacy rules of every integrity route (DESIGN §8, issue 4):
 * - logs carry method and route pattern only (no address, port, host, agent or query);
 * - responses are never cached and send no referrer (the public register and figures,
 *   which hold nothing personal, may be cached);
 * - Idempotency-Key is ignored: the idempotency store keeps response bodies in plain
 *   text, and these carry receipts and decrypted case text.
 */
export function installPrivacy(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.logSerializers = { ...(route.logSerializers ?? {}), req: anonymousRequestLog as never };
  });
  app.addHook('onRequest', async (request) => {
    delete request.headers['idempotency-key'];
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.routeOptions.url ?? '';
    const cacheable = request.method === 'GET' && reply.statusCode === 200 && PUBLIC_PATHS.includes(path);
    void reply.header('cache-control', cacheable ? 'public, max-age=60' : 'no-store');
    void reply.header('referrer-policy', 'no-referrer');
    if (!cacheable) void reply.header('pragma', 'no-cache');
    return payload;
  });
}

/** Rate-limit key: a keyed hash of the address, rotating daily; never the address. */
export function anonymousRateKey(unitKey: Buffer | null) {
  return (request: FastifyRequest) => (unitKey ? dailyAddressKey(unitKey, request.ip) : 'integrity-unconfigured');
}

export interface EvidenceForm {
  fields: Record<string, string>;
  files: EvidenceFile[];
}

const tooMany = () => new AppError(413, 'too_many_files', {
  th: `แนบหลักฐานได้ครั้งละไม่เกิน ${MAX_EVIDENCE_FILES} ไฟล์ ไฟล์ละไม่เกิน 8 MB`,
  en: `At most ${MAX_EVIDENCE_FILES} evidence files of 8 MB each per upload`,
});

/** Reads a multipart form with `evidence` files, keeping names and original bytes. */
export async function readEvidenceForm(request: FastifyRequest): Promise<EvidenceForm> {
  const fields: Record<string, string> = {};
  const files: EvidenceFile[] = [];
  try {
    for await (const part of request.parts({ limits: { files: MAX_EVIDENCE_FILES, fileSize: MAX_EVIDENCE_BYTES } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.fieldname !== 'evidence') {
          throw fail.badRequest('unexpected_file', `ไม่รู้จักช่องไฟล์ "${part.fieldname}"`, `Unexpected file field "${part.fieldname}"`, [{ field: part.fieldname, text: { th: 'ไม่รู้จักช่องนี้', en: 'is not a known field' } }]);
        }
        if (part.file.truncated) throw tooMany();
        if (data.length > 0) files.push({ filename: part.filename ?? 'evidence', contentType: part.mimetype ?? 'application/octet-stream', data });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT') throw tooMany();
    throw error;
  }
  return { fields, files };
}

export function isMultipartRequest(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

/** Multipart text fields into the JSON body shape: numbers, booleans and the identity. */
export function complaintFromForm(fields: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const identity: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'amount_baht') body[name] = value.trim() === '' ? undefined : Number(value);
    else if (name === 'identity') Object.assign(identity, safeJson(value));
    else if (name.startsWith('identity.') || name.startsWith('identity_')) {
      const key = name.slice('identity.'.length);
      identity[key] = key === 'may_disclose' ? value === 'true' : value;
    } else body[name] = value;
  }
  if (Object.keys(identity).length > 0) body.identity = identity;
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  return body;
}

function safeJson(value: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { invalid: value };
  } catch {
    return { invalid: value };
  }
}
