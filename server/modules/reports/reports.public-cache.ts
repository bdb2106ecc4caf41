import crypto from 'node:crypto';

/**
 * The public page of a report, kept in memory as the bytes sent, with a strong ETag.
 *
 * Most reads of a report are anonymous (a shared link, a flood night), and an anonymous
 * visitor's view is the same for everyone, so it is read from the database once and
 * then sent as it is. How fresh it stays:
 * - every change to what the page shows commits with a NOTIFY naming the report
 *   (migrations 0017 and 0020); every instance LISTENs and drops that report's entry,
 *   so a change made anywhere is seen everywhere once the notice arrives (milliseconds);
 *   this instance also drops the entry itself before it answers a change it made;
 * - entries are only stored while LISTEN is in effect; when the connection is lost the
 *   cache is emptied and bypassed until it is back (a notice may have been missed);
 * - a read that was under way when its report changed is not stored (it may predate the
 *   change), and neither is one started before a loss of the connection;
 * - every entry also expires after a short time (REPORT_CACHE_SECONDS), a safety net
 *   for anything that changes the database without a notice (a restore, a manual fix),
 *   and at the moment the report becomes overdue, which the page shows.
 */

export interface CachedPage {
  body: Buffer;
  /** Strong validator: a hash of the body. */
  etag: string;
  expiresAt: number;
}

/** What a load returns: the page's bytes, and until when they are right whatever happens (Infinity: until a change). */
export interface LoadedPage {
  body: Buffer;
  freshUntil: number;
}

export interface PublicPageCacheOptions {
  /** The safety-net lifetime of an entry; 0 switches the cache off. */
  ttlMs: number;
  maxEntries: number;
  maxBytes: number;
  /**
   * With a read replica: for this long after a report changed, its page is read from
   * the primary (a replica a moment behind would hand back the old page, to be kept).
   * 0 without a replica.
   */
  replicaWindowMs?: number;
  now?: () => number;
}

interface Flight {
  promise: Promise<CachedPage>;
  /** The report changed (or the cache was emptied) while this load ran: do not keep its result. */
  stale: boolean;
}

/** REPORT_CACHE_SECONDS and REPORT_CACHE_MB (config.ts: validated with the other settings). */
export function publicPageCacheOptions(scale: { reportCacheSeconds: number; reportCacheMb: number }): Pick<PublicPageCacheOptions, 'ttlMs' | 'maxBytes' | 'maxEntries'> {
  return { ttlMs: scale.reportCacheSeconds * 1000, maxBytes: scale.reportCacheMb * 1024 * 1024, maxEntries: 100_000 };
}

export const etagOf = (body: Buffer) => `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;

/** If-None-Match holds this (strong) ETag; a list, weak forms and "*" as RFC 9110 §13.1.2 reads them. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function createPublicPageCache(options: PublicPageCacheOptions) {
  const clock = options.now ?? Date.now;
  const entries = new Map<string, CachedPage>();
  const flights = new Map<string, Flight>();
  /** Reports changed recently, until when (replica only). */
  const changed = new Map<string, number>();
  let everythingChangedUntil = 0;
  let bytes = 0;
  let listening = false;
  const counters = { hits: 0, misses: 0, stored: 0 };

  const remove = (code: string) => {
    const entry = entries.get(code);
    if (!entry) return;
    entries.delete(code);
    bytes -= entry.body.length;
  };

  const store = (code: string, page: CachedPage) => {
    remove(code);
    if (page.body.length > options.maxBytes) return;
    entries.set(code, page);
    bytes += page.body.length;
    counters.stored += 1;
    // Map order is insertion order, and a hit re-inserts: the first entry is the least recently used.
    for (const oldest of entries.keys()) {
      if (entries.size <= options.maxEntries && bytes <= options.maxBytes) break;
      remove(oldest);
    }
  };

  const noteChange = (code: string | null) => {
    const window = options.replicaWindowMs ?? 0;
    if (window <= 0) return;
    const until = clock() + window;
    if (code === null) {
      everythingChangedUntil = until;
      changed.clear();
      return;
    }
    changed.set(code, until);
    if (changed.size > 10_000) {
      const now = clock();
      for (const [k, t] of changed) if (t <= now) changed.delete(k);
    }
  };

  function invalidate(code: string): void {
    remove(code);
    const flight = flights.get(code);
    if (flight) {
      flight.stale = true;
      flights.delete(code);
    }
    noteChange(code);
  }

  function invalidateAll(): void {
    entries.clear();
    bytes = 0;
    for (const flight of flights.values()) flight.stale = true;
    flights.clear();
    noteChange(null);
  }

  return {
    /**
     * The page of `code`: from memory when it is there and fresh, otherwise from `load`
     * (one load at a time per report: requests arriving meanwhile share it). A load's
     * error (a 404) is passed on and nothing is kept.
     */
    async get(code: string, load: () => Promise<LoadedPage>): Promise<CachedPage> {
      const now = clock();
      const hit = entries.get(code);
      if (hit) {
        if (hit.expiresAt > now) {
          counters.hits += 1;
          entries.delete(code);
          entries.set(code, hit);
          return hit;
        }
        remove(code);
      }
      counters.misses += 1;
      if (!listening || options.ttlMs <= 0) return pageOf(await load(), now);
      const joined = flights.get(code);
      if (joined) return joined.promise;
      const flight: Flight = { stale: false, promise: undefined as unknown as Promise<CachedPage> };
      flight.promise = (async () => {
        try {
          const page = pageOf(await load(), now);
          if (!flight.stale && listening) store(code, page);
          return page;
        } finally {
          if (flights.get(code) === flight) flights.delete(code);
        }
      })();
      flights.set(code, flight);
      return flight.promise;
    },

    /** A change to this report (here or on another instance). "*" empties the cache. */
    changed(code: string): void {
      if (code === '*') invalidateAll();
      else invalidate(code);
    },

    /** LISTEN is in effect: entries may be kept from now on (what came before may have been missed). */
    resume(): void {
      invalidateAll();
      listening = true;
    },

    /** LISTEN was lost: keep nothing, serve nothing from memory. */
    suspend(): void {
      listening = false;
      invalidateAll();
    },

    /** Whether this report changed so recently that a replica may not have it yet. */
    changedRecently(code: string): boolean {
      const now = clock();
      return everythingChangedUntil > now || (changed.get(code) ?? 0) > now;
    },

    stats: () => ({ ...counters, entries: entries.size, bytes, listening }),
  };

  function pageOf(loaded: LoadedPage, startedAt: number): CachedPage {
    // The lifetime counts from when the read began: the data is at least that old.
    return { body: loaded.body, etag: etagOf(loaded.body), expiresAt: Math.min(startedAt + options.ttlMs, loaded.freshUntil) };
  }
}

export type PublicPageCache = ReturnType<typeof createPublicPageCache>;
