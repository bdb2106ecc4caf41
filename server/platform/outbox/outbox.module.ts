import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import { outboxRoutes } from './outbox.routes.ts';
import { createOutboxAdminService } from './outbox.service.ts';
import { createOutboxWorker, type OutboxWorkerOptions } from './outbox.worker.ts';

/**
 * The outbox: a worker that delivers queued messages on each person's channel, and
 * the staff view of what was delivered and what failed. Messages are queued with
 * `enqueue` (outbox.ts) inside the transaction of the change that causes them.
 */
export function createOutboxModule(deps: { db: Db; config: AppConfig }, options: OutboxWorkerOptions = {}) {
  const worker = createOutboxWorker(deps, options);
  const admin = createOutboxAdminService(deps);
  return {
    worker,
    admin,
    routes: async (app: FastifyInstance) => outboxRoutes(app, { admin }),
    start: (log: FastifyBaseLogger) => worker.start(log),
    stop: () => worker.stop(),
  };
}
