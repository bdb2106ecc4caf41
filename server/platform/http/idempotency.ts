import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError, toProblem } from './problem.ts';
import { idempotencyRepository as repo } from './idempotency.repository.ts';

const KEY_RE = /^[\x21-\x7e]{1,255}$/;
const KEEP_HOURS = 24;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { principal: string; key: string } | null;
  }
}

/**
 * What makes two requests "the same": method, path and body. A multipart body is a
 * stream the handler consumes, so it is fingerprinted by its length: a client retrying
 * the same upload sends the same bytes.
 */
function fingerprint(request: FastifyRequest): string {
  const hash = crypto.createHash('sha256').update(`${request.method} ${request.url.split('?')[0]}\n`);
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/')) hash.update(`multipart:${request.headers['content-length'] ?? '?'}`);
  else hash.update(canonicalJson(request.body ?? null));
  return hash.digest('hex');
}

/** Whose key space a key lives in: the account, an Open311 client's API key, or "anonymous". */
function principalOf(request: FastifyRequest): string {
  if (request.auth) return `user:${request.auth.user.id}`;
  const apiKey = (request.body as { api_key?: unknown } | null | undefined)?.api_key;
  if (typeof apiKey === 'string' && apiKey.length > 0) return `apikey:${crypto.createHash('sha256').update(apiKey).digest('hex').slice(0, 32)}`;
  return 'anonymous';
}

function problem(request: FastifyRequest, error: AppError) {
  return toProblem(error, request.locale);
}

/**
 * Idempotency-Key on every POST under /api/v1 and /open311 (IETF draft
 * "The Idempotency-Key HTTP Header Field"): the first answer is stored and replayed for
 * a retry with the same key; the same key with a different request is refused (422); a
 * retry while the first is still running gets 409. Keys are scoped to the caller (their
 * account, or "anonymous") and kept for 24 hours. 5xx answers are not kept, so the
 * client can retry them.
 */
export function installIdempotency(app: FastifyInstance, db: Db): void {
  app.decorateRequest('idempotency', null);
  let sinceCleanup = 0;

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const raw = request.headers['idempotency-key'];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw[0]! : raw;
    if (!KEY_RE.test(key)) {
      const error = new AppError(400, 'invalid_idempotency_key', { th: 'Idempotency-Key ต้องเป็นตัวอักษรที่พิมพ์ได้ 1–255 ตัว', en: 'Idempotency-Key must be 1–255 printable characters' });
      return reply.status(400).type('application/problem+json').send(problem(request, error));
    }
    const principal = principalOf(request);
    const print = fingerprint(request);
    if (++sinceCleanup % 500 === 0) void repo.purgeOlderThan(db, new Date(Date.now() - KEEP_HOURS * 3600_000)).catch(() => undefined);
    if (await repo.claim(db, principal, key, print)) {
      request.idempotency = { principal, key };
      return;
    }
    const first = await repo.find(db, principal, key);
    if (!first) return; // released in between: treat as new, unprotected
    if (first.fingerprint !== print) {
      const error = new AppError(422, 'idempotency_key_reused', {
        th: 'Idempotency-Key นี้ใช้กับคำขออื่นไปแล้ว กรุณาใช้คีย์ใหม่สำหรับคำขอใหม่',
        en: 'This Idempotency-Key was already used for a different request; use a new key for a new request',
      });
      return reply.status(422).type('application/problem+json').send(problem(request, error));
    }
    if (first.completed_at === null || first.status_code === null) {
      const error = new AppError(409, 'idempotency_in_progress', {
        th: 'คำขอเดิมที่ใช้คีย์นี้ยังทำงานไม่เสร็จ กรุณาลองใหม่อีกสักครู่',
        en: 'The first request with this key is still being processed; retry shortly',
      });
      return reply.status(409).header('retry-after', '1').type('application/problem+json').send(problem(request, error));
    }
    return reply
      .status(first.status_code)
      .header('idempotent-replayed', 'true')
      .type(first.content_type ?? 'application/json')
      .send(first.response_body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 500) {
      await repo.release(db, claim.principal, claim.key);
      return payload;
    }
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : JSON.stringify(payload ?? null);
    await repo.complete(db, claim.principal, claim.key, reply.statusCode, String(reply.getHeader('content-type') ?? ''), body);
    return payload;
  });

  // A request that died before sending anything must not hold its key forever.
  app.addHook('onResponse', async (request) => {
    if (request.idempotency) await repo.release(db, request.idempotency.principal, request.idempotency.key).catch(() => undefined);
  });
}
