import pg from 'pg';

/** The channel the 0006 trigger notifies on, with the message's channel as payload. */
export const OUTBOX_NOTIFY_CHANNEL = 'demopolis_outbox';

export interface OutboxListener {
  close(): Promise<void>;
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to someone else) and
 * call `onWake(channel)` on every notification. Reconnects after a lost connection;
 * polling covers whatever arrives while it is away, so a wake-up is a speed-up only.
 */
export function listenForOutbox(connectionString: string, onWake: (channel: string) => void, onError: (error: unknown) => void): OutboxListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString });
    client = c;
    c.on('notification', (n) => {
      if (n.channel === OUTBOX_NOTIFY_CHANNEL && n.payload) onWake(n.payload);
    });
    c.on('error', (error) => {
      onError(error);
      reconnectSoon(c);
    });
    c.on('end', () => reconnectSoon(c));
    try {
      await c.connect();
      await c.query(`listen ${OUTBOX_NOTIFY_CHANNEL}`);
    } catch (error) {
      onError(error);
      reconnectSoon(c);
    }
  };

  const reconnectSoon = (c: pg.Client) => {
    if (closed || client !== c || retryTimer) return;
    client = null;
    c.end().catch(() => undefined);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, 5_000);
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
