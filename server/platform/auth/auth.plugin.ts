import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pickLocale } from '../i18n/locale.ts';
import { fail } from '../http/problem.ts';
import type { AuthService } from './auth.service.ts';
import { SESSION_TTL_MS } from './auth.service.ts';
import { safeEqual } from './tokens.ts';
import type { Role } from './auth.types.ts';

export const SESSION_COOKIE = 'dp_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves who is calling (cookie session for the web, bearer token for apps) and
 * enforces CSRF defence for cookie sessions: a session-bound token in `X-CSRF-Token`
 * on every unsafe request, plus an Origin check. Bearer tokens are not sent by
 * browsers on their own, so they need neither.
 */
export function installAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('locale', 'th');

  app.addHook('onRequest', async (request) => {
    request.locale = pickLocale(request.headers['accept-language']);
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const cookie = request.cookies?.[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (!token || token.length > 200) return;
    const session = await auth.resolveSession(token);
    if (!session) return;
    // A cookie token presented as a bearer (or the reverse) is refused: each kind has its own defences.
    if ((bearer && session.kind !== 'token') || (!bearer && session.kind !== 'cookie')) return;
    request.auth = { user: session.user, sessionId: session.sessionId, kind: session.kind, csrfToken: session.csrfToken };
  });

  app.addHook('preHandler', async (request) => {
    if (!UNSAFE_METHODS.has(request.method) || request.auth?.kind !== 'cookie') return;
    if (request.url.startsWith('/channels/') || request.url.startsWith('/open311/')) return;
    const origin = request.headers.origin;
    if (origin && !sameOrigin(origin, request)) {
      throw fail.forbidden('คำขอมาจากเว็บไซต์อื่น จึงถูกปฏิเสธ', 'Cross-site request refused');
    }
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, request.auth.csrfToken)) {
      throw Object.assign(fail.forbidden('โทเคนป้องกันการปลอมคำขอไม่ถูกต้อง กรุณาโหลดหน้าใหม่', 'The anti-forgery token is missing or wrong; reload the page'), {
        code: 'csrf_failed',
      });
    }
  });
}

function sameOrigin(origin: string, request: FastifyRequest): boolean {
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}

/** Route guards: 401 when nobody is signed in, 403 for the wrong role. */
export function requireUser(request: FastifyRequest) {
  if (!request.auth) throw fail.unauthorized();
  return request.auth.user;
}

export function requireRole(request: FastifyRequest, roles: readonly Role[]) {
  const user = requireUser(request);
  if (!roles.includes(user.role)) throw fail.forbidden();
  return user;
}
