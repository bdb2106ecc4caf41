import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../http/context.ts';
import { ProblemSchema } from '../http/schemas.ts';
import type { AuthService } from './auth.service.ts';
import type { AuthUser } from './auth.types.ts';
import { clearSessionCookie, requireUser, setSessionCookie } from './auth.plugin.ts';
import { LoginBody, PasswordChangeBody, PushTokenBody, SessionResponse, SignupBody, TokenResponse } from './auth.schema.ts';

export type AgencyLookup = (agencyId: string) => Promise<{ code: string; name_th: string; name_en: string } | null>;

// Login and token share one allowance per address: guesses on either count together.
const loginLimit = { rateLimit: { max: 10, timeWindow: '1 minute', groupId: 'login' } };
const signupLimit = { rateLimit: { max: 10, timeWindow: '1 minute', groupId: 'signup' } };

export async function authRoutes(app: FastifyInstance, opts: { auth: AuthService; agencyOf: AgencyLookup }) {
  const { auth, agencyOf } = opts;
  const secure = app.platform.config.secureCookies;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function present(user: AuthUser) {
    return {
      id: user.publicId,
      display_name: user.displayName,
      email: user.email,
      phone: user.phone,
      role: user.role,
      agency: user.agencyId ? await agencyOf(user.agencyId) : null,
    };
  }

  r.get('/api/v1/auth/session', {
    schema: { tags: ['auth'], summary: 'Who am I; the CSRF token for this session', response: { 200: SessionResponse } },
  }, async (request: FastifyRequest) => ({
    user: request.auth ? await present(request.auth.user) : null,
    csrf_token: request.auth?.kind === 'cookie' ? request.auth.csrfToken : null,
  }));

  r.post('/api/v1/auth/signup', {
    config: signupLimit,
    schema: {
      tags: ['auth'],
      summary: 'Create a citizen account and sign in',
      body: SignupBody,
      response: { 201: SessionResponse, 400: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema },
    },
  }, async (request, reply) => {
    const user = await auth.createUser(request.body, actorOf(null));
    const session = await auth.openSession(user, 'cookie', 'web');
    setSessionCookie(reply, session.token, secure);
    return reply.status(201).send({ user: await present(user), csrf_token: session.csrfToken });
  });

  r.post('/api/v1/auth/login', {
    config: loginLimit,
    schema: {
      tags: ['auth'],
      summary: 'Sign in with a cookie session (web)',
      body: LoginBody,
      response: { 200: SessionResponse, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
    },
  }, async (request, reply) => {
    const { user, token, csrfToken } = await auth.login(request.body.identifier, request.body.password, 'cookie', 'web');
    setSessionCookie(reply, token, secure);
    return { user: await present(user), csrf_token: csrfToken };
  });

  r.post('/api/v1/auth/token', {
    config: loginLimit,
    schema: {
      tags: ['auth'],
      summary: 'Sign in and get a revocable bearer token (mobile app)',
      body: LoginBody,
      response: { 200: TokenResponse, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
    },
  }, async (request) => {
    const { user, token } = await auth.login(request.body.identifier, request.body.password, 'token', 'app');
    return { user: await present(user), token };
  });

  r.post('/api/v1/auth/password', {
    config: loginLimit,
    schema: {
      tags: ['auth'],
      summary: 'Change my password; every other session of the account is ended',
      body: PasswordChangeBody,
      response: { 204: { type: 'null' }, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    await auth.changePassword(user, request.auth!.sessionId, request.body.current_password, request.body.new_password, actorOf(request.auth).channel);
    return reply.status(204).send(null);
  });

  r.post('/api/v1/me/push-tokens', {
    schema: {
      tags: ['auth'],
      summary: "Register this device for app-push notifications about reports I filed or follow",
      body: PushTokenBody,
      response: { 204: { type: 'null' }, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    await auth.registerPushToken(user, request.body.token, request.body.platform, request.body.locale ?? 'th', actorOf(request.auth).channel);
    return reply.status(204).send(null);
  });

  r.delete('/api/v1/me/push-tokens/:token', {
    schema: {
      tags: ['auth'],
      summary: 'Stop app-push notifications to this device',
      params: Type.Object({ token: Type.String({ minLength: 8, maxLength: 4096 }) }),
      response: { 204: { type: 'null' }, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    await auth.removePushToken(user, request.params.token, actorOf(request.auth).channel);
    return reply.status(204).send(null);
  });

  r.post('/api/v1/auth/logout', {
    schema: { tags: ['auth'], summary: 'End this session (cookie or bearer token)', response: { 204: { type: 'null' }, 401: ProblemSchema } },
  }, async (request, reply) => {
    const user = requireUser(request);
    await auth.logout(request.auth!.sessionId, user, actorOf(request.auth).channel);
    clearSessionCookie(reply, secure);
    return reply.status(204).send(null);
  });
}
