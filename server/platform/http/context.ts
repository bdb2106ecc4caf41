import type { AppConfig } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import type { AuthContext } from '../auth/auth.types.ts';
import type { Locale } from '../i18n/locale.ts';
import type { Actor } from '../audit/audit.ts';

/** What every module gets from the platform: configuration and the database. */
export interface PlatformContext {
  config: AppConfig;
  db: Db;
}

declare module 'fastify' {
  interface FastifyInstance {
    platform: PlatformContext;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    locale: Locale;
  }
}

/** The actor a request acts as, for the audit trail. */
export function actorOf(auth: AuthContext | null, channel = 'web'): Actor {
  return auth
    ? { userId: auth.user.id, label: `user:${auth.user.publicId}`, channel: auth.kind === 'token' ? 'app' : channel }
    : { userId: null, label: 'anonymous', channel };
}
