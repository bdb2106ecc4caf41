import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError } from './problem.ts';
import { idempotencyRepository as repo } from './idempotency.repository.ts';

const KEY_RE = /^[\x21-\x7e]{1,255}$/;
/** Callers without an account share one key space: their keys must be unguessable. */
const ANONYMOUS_MIN_KEY_LENGTH = 16;
/** Where keys apply. Never on sign-in routes: their answers hold secrets we will not keep. */
const APPLIES_TO = ['/api/v1/', '/open311/'];
const NEVER = ['/api/v1/auth/'];

const KEEP_HOURS = 24;

declare module 'fastify' {
  interface FastifyInstance {
    /** For handlers that read a multipart body themselves: claim or replay with the body's hash. */
    idempotencyGate(request: FastifyRequest, formHash: string): Promise<void>;
  }
  interface FastifyRequest {
    idempotency: { principal: string; key: string } | null;
    /** sha256 of the raw multipart body, taken while it streamed in. */
    rawBodyHash: string | null;
  }
}

function applies(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return request.method === 'POST' && request.headers['idempotency-key'] !== undefined
    && APPLIES_TO.some((p) => path.startsWith(p)) && !NEVER.some((p) => path.startsWith(p));
}

/**
 * What makes two requests "the same": method, path and body — the exact bytes of a
 * multipart upload (hashed as they arrive), the parsed body otherwise.
 */
function fingerprint(request: FastifyRequest): string {
  const hash = crypto.createHash('sha256').update(`${request.method} ${request.url.split('?')[0]}\n`);
  if (request.rawBodyHash) hash.update(`multipart:${request.rawBodyHash}`);
  else if (Buffer.isBuffer(request.body)) hash.update(request.body);
  else hash.update(canonicalJson(request.body ?? null));
  return hash.digest('hex');
}

/** A stored answer to send again: thrown from inside a handler, sent by the error handler. */
export class IdempotentReplay extends Error {
  constructor(readonly statusCode: number, readonly contentType: string, readonly body: string) {
    super('idempotent replay');
  }
}

function isMultipart(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');
}

/** Whose key space a key lives in: the account, an Open311 client's API key, or "anonymous". */
function principalOf(request: FastifyRequest): string {
  if (request.auth) return `user:${request.auth.user.id}`;
  const apiKey = (request.body as { api_key?: unknown } | null | undefined)?.api_key;
  if (typeof apiKey === 'string' && apiKey.length > 0) return `apikey:${crypto.createHash('sha256').update(apiKey).digest('hex').slice(0, 32)}`;
  return 'anonymous';
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
  app.decorateRequest('rawBodyHash', null);
  let sinceCleanup = 0;

  app.addHook('preHandler', async (request, reply) => {
    // A multipart body is only read inside the handler: readMultipart() calls the gate
    // with the hash of what it read.
    if (!applies(request) || isMultipart(request)) return;
    const outcome = await gate(request);
    if (outcome) return reply.status(outcome.statusCode).header('idempotent-replayed', 'true').type(outcome.contentType).send(outcome.body);
  });

  app.decorate('idempotencyGate', async (request: FastifyRequest, formHash: string) => {
    if (!applies(request)) return;
    request.rawBodyHash = formHash;
    const outcome = await gate(request);
    if (outcome) throw outcome;
  });

  /** Claims the key, or explains why not: a stored answer to replay, or a refusal. */
  async function gate(request: FastifyRequest): Promise<IdempotentReplay | null> {
    const raw = request.headers['idempotency-key']!;
    const key = Array.isArray(raw) ? raw[0]! : raw;
    const principal = principalOf(request);
    if (!KEY_RE.test(key) || (!principal.startsWith('user:') && key.length < ANONYMOUS_MIN_KEY_LENGTH)) {
      throw new AppError(400, 'invalid_idempotency_key', {
        th: `Idempotency-Key ต้องเป็นตัวอักษรที่พิมพ์ได้ไม่เกิน 255 ตัว และถ้าไม่ได้เข้าสู่ระบบต้องยาวอย่างน้อย ${ANONYMOUS_MIN_KEY_LENGTH} ตัว (เช่น UUID)`,
        en: `Idempotency-Key must be up to 255 printable characters, and at least ${ANONYMOUS_MIN_KEY_LENGTH} (e.g. a UUID) when not signed in`,
      });
    }
    const print = fingerprint(request);
    if (++sinceCleanup % 500 === 0) void repo.purgeOlderThan(db, new Date(Date.now() - KEEP_HOURS * 3600_000)).catch(() => undefined);
    if (await repo.claim(db, principal, key, print)) {
      request.idempotency = { principal, key };
      return null;
    }
    const first = await repo.find(db, principal, key);
    if (!first) return null; // released in between: treat as new, unprotected
    if (first.fingerprint !== print) {
      throw new AppError(422, 'idempotency_key_reused', {
        th: 'Idempotency-Key นี้ใช้กับคำขออื่นไปแล้ว กรุณาใช้คีย์ใหม่สำหรับคำขอใหม่',
        en: 'This Idempotency-Key was already used for a different request; use a new key for a new request',
      });
    }
    if (first.completed_at === null || first.status_code === null) {
      throw new AppError(409, 'idempotency_in_progress', {
        th: 'คำขอเดิมที่ใช้คีย์นี้ยังทำงานไม่เสร็จ กรุณาลองใหม่อีกสักครู่',
        en: 'The first request with this key is still being processed; retry shortly',
      });
    }
    return new IdempotentReplay(first.status_code, first.content_type ?? 'application/json', first.response_body ?? '');
  }

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
