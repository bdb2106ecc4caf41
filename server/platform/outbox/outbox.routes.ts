import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireRole } from '../auth/auth.plugin.ts';
import { ROLES } from '../auth/auth.types.ts';
import { actorOf } from '../http/context.ts';
import { ProblemSchema } from '../http/schemas.ts';
import { presentOutboxMessage } from './outbox.presenter.ts';
import { OutboxIdParams, OutboxItem, OutboxList, OutboxListQuery, OutboxSummary, OutboxSummaryQuery } from './outbox.schema.ts';
import type { OutboxAdminService } from './outbox.service.ts';

/** The staff view of notifications: what was delivered, what failed, and putting a message back. */
export async function outboxRoutes(app: FastifyInstance, opts: { admin: OutboxAdminService }) {
  const { admin } = opts;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

  r.get('/api/v1/admin/outbox', {
    schema: { tags: ['admin'], summary: 'Outgoing notifications, newest first (system administrator)', querystring: OutboxListQuery, response: { 200: OutboxList, ...errors } },
  }, async (request) => {
    requireRole(request, [ROLES.admin]);
    const { status = [], channel = null, page = 1, page_size = 50 } = request.query;
    const { rows, total } = await admin.list({ statuses: status, channel }, page, page_size);
    return { items: rows.map((row) => presentOutboxMessage(row, { retry: admin.canRetry(row) })), total, page, page_size };
  });

  r.get('/api/v1/admin/outbox/summary', {
    schema: { tags: ['admin'], summary: 'Notifications per channel and status, and which channels are switched on (system administrator)', querystring: OutboxSummaryQuery, response: { 200: OutboxSummary, ...errors } },
  }, async (request) => {
    requireRole(request, [ROLES.admin]);
    return admin.summary(request.query.days ?? 7);
  });

  r.post('/api/v1/admin/outbox/:id/retry', {
    schema: {
      tags: ['admin'], summary: 'Send a failed or skipped notification again, with fresh attempts (system administrator; audited)',
      params: OutboxIdParams,
      response: { 200: OutboxItem, ...errors, 404: ProblemSchema, 409: ProblemSchema },
    },
  }, async (request) => {
    requireRole(request, [ROLES.admin]);
    const row = await admin.retry(request.params.id, actorOf(request.auth));
    return presentOutboxMessage(row, { retry: admin.canRetry(row) });
  });
}
