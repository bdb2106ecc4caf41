import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppConfig } from './platform/config/config.ts';
import type { Db } from './platform/db/database.ts';
import { installAuth } from './platform/auth/auth.plugin.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { createAuthService } from './platform/auth/auth.service.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import { installObservability } from './platform/http/observability.ts';
import { operationalGauges } from './platform/http/operational-gauges.ts';
import { installWebApp } from './platform/http/web-app.ts';
import { postgresRateLimitStore } from './platform/http/rate-limit-store.ts';
import { installIdempotency } from './platform/http/idempotency.ts';
import { listDistricts } from './platform/geo/districts.ts';
import { createMediaStore } from './platform/media/media-store.ts';
import { MAX_PHOTO_BYTES } from './platform/media/image-pipeline.ts';
import './platform/http/context.ts';
import { createAuditSealer } from './platform/audit/audit.ts';
import { createOrganizationService } from './modules/organization/organization.service.ts';
import { organizationRoutes } from './modules/organization/organization.routes.ts';
import { createReportsModule } from './modules/reports/reports.module.ts';
import { createTransparencyModule } from './modules/transparency/transparency.module.ts';
import { createChannelsModule } from './modules/channels/channels.module.ts';
import { createOpen311Module } from './modules/open311/open311.module.ts';
import { createCallCentreModule } from './modules/callcentre/callcentre.module.ts';
import { createOutboxModule } from './platform/outbox/outbox.module.ts';
import { createIntegrityModule } from './modules/integrity/integrity.module.ts';
import { createCommunitiesModule } from './modules/communities/communities.module.ts';
import { createProposalsModule } from './modules/proposals/proposals.module.ts';
import { createPlansModule } from './modules/plans/plans.module.ts';
import { createAccountabilityModule } from './modules/accountability/accountability.module.ts';
import { attachmentRoutes } from './platform/media/attachments.ts';
import { needAttachmentVisible } from './modules/communities/communities.attachment-visibility.ts';
import { proposalAttachmentVisible } from './modules/proposals/proposals.attachment-visibility.ts';
import { planProgressAttachmentVisible } from './modules/plans/plans.attachment-visibility.ts';
import { installLoadShedding, sendOverloaded } from './platform/db/load-shedding.ts';
import { installReadRouting, reportReplicaInReadiness } from './platform/db/read-routing.plugin.ts';
import { installLive } from './platform/live/live.plugin.ts';

export interface BuildOptions {
  config: AppConfig;
  db: Db;
  logger?: boolean | object;
  /** Start background work (suggester retraining). Tests switch it off. */
  background?: boolean;
  /**
   * Shed load (503 + Retry-After) when the event loop saturates. Test processes run
   * many apps flat out on two cores, so their suites switch it off.
   */
  loadShedding?: boolean;
}

/** Paths where nothing that could identify a person may be logged (whistleblowers). */
export const UNLOGGED_IDENTITY_PREFIXES = ['/api/v1/integrity', '/integrity'];

/**
 * What a request log line says. Whistleblower routes get method and route only: no
 * address, no port, no host, no query string (DESIGN §8).
 */
function serializeRequest(request: { method: string; url: string; ip?: string; socket?: { remotePort?: number }; headers?: Record<string, unknown> }) {
  const path = request.url.split('?')[0] ?? '';
  if (UNLOGGED_IDENTITY_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) {
    return { method: request.method, url: path.replace(/\/[A-Z0-9-]{6,}(?=\/|$)/g, '/:id') };
  }
  // Query strings can carry secrets (a webhook's verify token), and a caller's phone
  // number is personal data: neither goes into the logs.
  const safePath = path.replace(/^(\/api\/v1\/callcentre\/callers\/)[^/]+/, '$1:phone');
  return { method: request.method, url: safePath, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-reporter-token"]'],
      serializers: { req: serializeRequest },
    },
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    ajv: {
      // Reject unknown fields instead of silently dropping them.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
  });
  app.decorate('platform', { config, db });
  installErrorHandler(app);
  // With DATABASE_REPLICA_URL: public reads on the replica, the rest on the primary
  // (before the auth hook, whose session lookups must see the primary).
  const readRouting = installReadRouting(app, db, { secureCookies: config.secureCookies, maxLagSeconds: config.scale.replicaMaxLagSeconds });
  if (readRouting) reportReplicaInReadiness(app, readRouting, config.scale.replicaMaxLagSeconds);
  // Load shedding first: a refused request should cost as little as possible (no cookie
  // parsing, no security headers, no session lookup).
  let shedding: ReturnType<typeof installLoadShedding> | null = null;
  if (options.loadShedding !== false) {
    shedding = installLoadShedding(app, {
      db,
      maxInFlight: config.scale.maxInFlight,
      maxDbWaiting: config.scale.maxDbWaiting,
      retryAfterSeconds: config.scale.shedRetryAfterSeconds,
    });
    await app.register(underPressure, {
      // Shed load when the event loop is saturated. Utilisation, not delay: the delay
      // histogram reads "infinite" after any interval without a sample, which sheds
      // healthy processes after one long synchronous task.
      maxEventLoopUtilization: config.scale.maxEventLoopUtilization,
      retryAfter: config.scale.shedRetryAfterSeconds,
      exposeStatusRoute: false,
      // Returning nothing lets the request through (the start-up grace, see load-shedding.ts).
      pressureHandler: (request, reply, type, value) => void shedding!.eventLoopPressure(request, reply, type, value),
    });
  }

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(config.tileUrl ? [new URL(config.tileUrl.replace(/\{[a-z]\}/g, 'a')).origin] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.publicUrl.startsWith('https:'),
  });
  // Counters live in PostgreSQL so every instance enforces one shared limit.
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(db) as never, skipOnError: false });
  await app.register(multipart, {
    limits: { fileSize: MAX_PHOTO_BYTES, files: 5, fields: 20, fieldSize: 64 * 1024, parts: 30 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Demopolis API',
        version: '1.0.0',
        description: [
          "Bangkok's open civic platform.",
          'Errors are RFC 9457 problem details, in Thai or English by Accept-Language, always carrying both (detail_th, detail_en).',
          'Web clients use the session cookie and send X-CSRF-Token on every non-GET request; apps sign in with POST /api/v1/auth/token and send Authorization: Bearer <token>.',
          'Every POST accepts an Idempotency-Key header: a retry with the same key returns the first answer (Idempotent-Replayed: true) and creates nothing new; the same key with a different body gets 422.',
        ].join(' '),
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          cookieSession: { type: 'apiKey', in: 'cookie', name: 'dp_session' },
          bearerToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const auth = createAuthService(db);
  installAuth(app, auth);
  installObservability(app, operationalGauges({ db, shedding, readRouting, live: () => app.live }));
  installIdempotency(app, db);

  // Parse the district polygons now, not inside the first report's request.
  listDistricts();
  const media = createMediaStore(config.dataDir);
  const organization = createOrganizationService(db);
  const agencyOf = async (id: string) => {
    const a = await organization.agencyById(id);
    return a ? { code: a.code, name_th: a.name_th, name_en: a.name_en } : null;
  };
  await app.register(authRoutes, { auth, agencyOf });
  await app.register(organizationRoutes, { organization, auth });

  app.get('/api/v1/config', { schema: { tags: ['reference'], summary: 'Public client configuration' } }, async () => ({
    tile_url: config.tileUrl,
    tile_attribution: config.tileAttribution,
    public_url: config.publicUrl,
  }));

  // Live updates (Server-Sent Events) across instances: LISTEN/NOTIFY.
  installLive(app, config);
  const reports = createReportsModule({ db, media, organization, config });
  await app.register(reports.routes);
  const transparency = createTransparencyModule({ db });
  await app.register(transparency.routes);
  const moduleDeps = { db, config, reports: reports.services, organization };
  await app.register(createChannelsModule(moduleDeps).routes);
  await app.register(createOpen311Module(moduleDeps).routes);
  await app.register(createCallCentreModule(moduleDeps).routes);
  const integrity = createIntegrityModule({ db, config, organization });
  await app.register(integrity.routes);
  // Community needs -> proposals -> annual action plans -> results (issue 5).
  const civicDeps = { db, config, media, organization, reports: reports.services };
  attachmentRoutes(app, { db, media, canView: { need: needAttachmentVisible, proposal: proposalAttachmentVisible, plan_progress: planProgressAttachmentVisible } });
  await app.register(createCommunitiesModule(civicDeps).routes);
  await app.register(createProposalsModule(civicDeps).routes);
  await app.register(createPlansModule(civicDeps).routes);
  await app.register(createAccountabilityModule(civicDeps).routes);
  const outbox = createOutboxModule({ db, config });
  await app.register(outbox.routes);

  // Audit entries are written unsealed (no global lock); one sealer per cluster chains
  // them within a second (instances that lose the lock skip the tick).
  const sealer = createAuditSealer(db, app.log);
  if (options.background !== false) {
    reports.startBackground(app.log);
    outbox.start(app.log);
    integrity.start(app.log);
    sealer.start();
    transparency.start();
  }
  app.addHook('onClose', async () => {
    reports.stopBackground();
    await outbox.stop();
    integrity.stop();
    await sealer.stop();
    transparency.stop();
  });

  await installWebApp(app, config.webDir);
  return app;
}
