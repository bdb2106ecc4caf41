import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireRole } from '../../platform/auth/auth.plugin.ts';
import { ROLES } from '../../platform/auth/auth.types.ts';
import { actorOf } from '../../platform/http/context.ts';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import type { Open311ClientsService } from './open311.clients.service.ts';
import { ClientCreateBody, ClientCreated, ClientIdParams, ClientItem, ClientList } from './open311.schema.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

type ClientRow = Awaited<ReturnType<Open311ClientsService['list']>>[number];

function presentClient(c: ClientRow) {
  return {
    id: c.public_id,
    name: c.name,
    key_prefix: c.key_prefix,
    created_at: iso(c.created_at)!,
    created_by: c.created_by_name,
    revoked_at: iso(c.revoked_at),
    last_used_at: iso(c.last_used_at),
    requests: c.requests,
  };
}

/** System administrators issue and revoke Open311 API keys; each change is audited. */
export async function open311AdminRoutes(app: FastifyInstance, opts: { clients: Open311ClientsService }) {
  const { clients } = opts;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['admin'];

  r.get('/api/v1/admin/open311/clients', {
    schema: { tags, summary: 'Open311 clients and their keys (system administrator)', response: { 200: ClientList, ...errors(401, 403) } },
  }, async (request) => {
    requireRole(request, [ROLES.admin]);
    return { items: (await clients.list()).map(presentClient) };
  });

  r.post('/api/v1/admin/open311/clients', {
    schema: {
      tags, summary: 'Register an Open311 client; the answer carries its API key, shown once (system administrator)',
      body: ClientCreateBody, response: { 201: ClientCreated, ...errors(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    requireRole(request, [ROLES.admin]);
    const { client, apiKey } = await clients.issue(request.body.name, actorOf(request.auth));
    return reply.status(201).send({ id: client.public_id, name: client.name, api_key: apiKey, key_prefix: client.key_prefix, created_at: iso(client.created_at)! });
  });

  r.delete('/api/v1/admin/open311/clients/:id', {
    schema: {
      tags, summary: 'Revoke an Open311 client key at once (system administrator)',
      params: ClientIdParams, response: { 200: ClientItem, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => {
    requireRole(request, [ROLES.admin]);
    await clients.revoke(request.params.id, actorOf(request.auth));
    const row = (await clients.list()).find((c) => c.public_id === request.params.id)!;
    return presentClient(row);
  });
}
