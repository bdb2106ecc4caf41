import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/config.ts';
import type { Db } from '../db/database.ts';

/** The outbox worker and its staff view: being built (placeholder wiring; does nothing yet). */
export function createOutboxModule(_deps: { db: Db; config: AppConfig }) {
  return {
    routes: async (_app: FastifyInstance) => {},
    start: (_log: FastifyBaseLogger) => {},
    stop: async () => {},
  };
}
