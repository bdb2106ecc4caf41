import pg from 'pg';

/** The channel the 0017 trigger notifies on. */
export const LIVE_NOTIFY_CHANNEL = 'demopolis_live';

/** What a notification says: which topic changed, and the id of the change (an event id). */
export interface LiveNotice {
  kind: string;
  key: string;
  id: string;
}

export function parseNotice(payload: string | undefined): LiveNotice | null {
  if (!payload) return null;
  try {
    const p = JSON.parse(payload) as { k?: unknown; key?: unknown; id?: unknown };
    if (typeof p.k !== 'string' || typeof p.key !== 'string' || (typeof p.id !== 'string' && typeof p.id !== 'number')) return null;
    return { kind: p.k, key: p.key, id: String(p.id) };
  } catch {
    return null;
  }
}

export interface LiveListener {
  close(): Promise<void>;
}

/**
 * One LISTEN connection per instance (a pooled connection would be handed to someone
 * else; a transaction-mode pooler would drop the LISTEN), reconnecting after a loss.
 * `onResync` is called after every connection: whatever changed before LISTEN took
 * effect (or while it was away) was not notified, so subscribers are brought up to date
 * from the database.
 */
export function listenForLive(
  connectionString: string,
  handlers: { onNotice: (notice: LiveNotice) => void; onResync: () => void; onError: (error: unknown) => void; onLost?: () => void },
  retryMs = 2_000,
): LiveListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString, application_name: 'demopolis-live' });
    client = c;
    c.on('notification', (n) => {
      if (n.channel !== LIVE_NOTIFY_CHANNEL) return;
      const notice = parseNotice(n.payload);
      if (notice) handlers.onNotice(notice);
    });
    c.on('error', (error) => {
      handlers.onError(error);
      reconnectSoon(c);
    });
    c.on('end', () => reconnectSoon(c));
    try {
      await c.connect();
      await c.query(`listen ${LIVE_NOTIFY_CHANNEL}`);
      handlers.onResync();
    } catch (error) {
      handlers.onError(error);
      reconnectSoon(c);
    }
  };

  const reconnectSoon = (c: pg.Client) => {
    if (closed || client !== c || retryTimer) return;
    client = null;
    // From here until the next resync, notices may be missed.
    handlers.onLost?.();
    c.end().catch(() => undefined);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, retryMs);
    retryTimer.unref();
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
