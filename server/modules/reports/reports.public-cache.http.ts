import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { onPrimary, readingFromReplica, readRoutingOf } from '../../platform/db/read-routing.ts';
import { READ_MARKER_COOKIE } from '../../platform/db/read-routing.plugin.ts';
import { fail } from '../../platform/http/problem.ts';
import { normaliseTrackingCode } from './reports.codes.ts';
import { createPublicPageCache, ifNoneMatchHits, publicPageCacheOptions, type PublicPageCache } from './reports.public-cache.ts';
import type { QueryService } from './reports.query.service.ts';

/** Notice kinds that name a report whose public page changed (0017: timeline, 0020: everything else). */
const CHANGE_KINDS = new Set(['report', 'report-view']);

export interface PublicPages {
  /**
   * Whether this request gets the view everyone gets: no session or app token, no
   * reporter key, and no read-your-writes marker (whose holder just changed something
   * and must read it from the primary). Everyone else gets their own view, uncached.
   */
  anonymous(request: FastifyRequest): boolean;
  /** Sends the anonymous page of a report (200, or 304 for a matching If-None-Match). */
  send(request: FastifyRequest, reply: FastifyReply, rawCode: string): Promise<FastifyReply>;
  cache: PublicPageCache;
}

/**
 * The cached public pages of reports (reports.public-cache.ts), for the reports routes
 * plugin `app`: a hook there drops a report's page before this instance answers any
 * change made to it through those routes, so the person who changed it, and anyone
 * after, sees the change at once; changes made elsewhere arrive by NOTIFY.
 */
export function installPublicPages(app: FastifyInstance, query: QueryService): PublicPages {
  const { config, db } = app.platform;
  const cache = createPublicPageCache({
    ...publicPageCacheOptions(config.scale),
    replicaWindowMs: readRoutingOf(db) ? config.scale.replicaMaxLagSeconds * 1000 : 0,
  });

  // The LISTEN connection opens with the first cached page, not at start-up: an app
  // nobody reads (tests, CLI) holds no extra connection.
  let observing = false;
  const observe = () => {
    if (observing) return;
    observing = true;
    app.live.observe({
      notice: (notice) => {
        if (CHANGE_KINDS.has(notice.kind)) cache.changed(notice.key);
      },
      resync: () => cache.resume(),
      lost: () => cache.suspend(),
    });
  };

  app.addHook('onSend', (request, _reply, payload, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const raw = (request.params as { code?: unknown } | undefined)?.code;
      const code = typeof raw === 'string' ? normaliseTrackingCode(raw) : null;
      if (code) cache.changed(code);
    }
    done(null, payload);
  });

  return {
    cache,
    anonymous(request) {
      return !request.auth && request.headers['x-reporter-token'] === undefined && request.headers.authorization === undefined
        && !request.cookies?.[READ_MARKER_COOKIE];
    },
    async send(request, reply, rawCode) {
      const code = normaliseTrackingCode(rawCode);
      if (!code) throw fail.notFound('ไม่พบเรื่องที่มีเลขนี้', 'No report with this tracking number');
      observe();
      const page = await cache.get(code, async () => {
        // A report changed a moment ago may not have reached the replica yet: a page read
        // there would be kept, old, until the next change or expiry.
        const read = () => query.anonymousView(code);
        const { view, freshUntil } = readingFromReplica() && cache.changedRecently(code) ? await onPrimary(read) : await read();
        // The route's response schema serializer: the same bytes the uncached path sends.
        return { body: Buffer.from(reply.serialize(view) as string), freshUntil };
      });
      // no-cache: browsers and proxies may keep it, but ask again (a 304 is cheap).
      void reply.header('etag', page.etag).header('cache-control', 'no-cache');
      if (ifNoneMatchHits(request.headers['if-none-match'], page.etag)) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(page.body);
    },
  };
}
