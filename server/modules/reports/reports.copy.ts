/**
 * Bulk loading with PostgreSQL's COPY … FROM STDIN (text format), for the Traffy
 * importer and the benchmark data generator: one statement streams any number of
 * rows, an order of magnitude faster than multi-row INSERTs.
 *
 * node-postgres runs COPY through its "submittable" query interface (the one
 * pg-copy-streams and pg-cursor use); this is that interface for COPY FROM, kept small:
 * rows are pushed with backpressure on the socket, a failure in the row source sends
 * CopyFail so the server rolls the statement back, and a server error stops the pump.
 */
import { once } from 'node:events';
import type pg from 'pg';

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const escapeChar = (c: string) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r');

/** One field in COPY's text format: \N for null, backslash escapes for the rest. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  // Numbers and dates never need escaping; most text does not either (bulk loads call this millions of times).
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, escapeChar) : text;
}

/** One row in COPY's text format. */
export function copyRow(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyField(values[i]);
  return `${line}\n`;
}

class CopyFromStdin {
  callback?: (error: Error | null, result?: { rowCount: number }) => void;
  private error: Error | null = null;
  private rowCount = 0;

  constructor(private readonly text: string, private readonly source: AsyncIterable<string | Buffer> | Iterable<string | Buffer>) {}

  submit(connection: PgConnection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: PgConnection) {
    void this.pump(connection);
  }

  private async pump(connection: PgConnection) {
    try {
      let pending: Buffer[] = [];
      let size = 0;
      const flush = async () => {
        if (size === 0) return;
        connection.sendCopyFromChunk(pending.length === 1 ? pending[0]! : Buffer.concat(pending, size));
        pending = [];
        size = 0;
        if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
      };
      for await (const chunk of this.source) {
        if (this.error) return;
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        pending.push(buffer);
        size += buffer.length;
        // Messages of ~256 KB: few syscalls, bounded memory.
        if (size >= 256 * 1024) await flush();
      }
      if (this.error) return;
      await flush();
      connection.endCopyFrom();
    } catch (error) {
      this.error = error instanceof Error ? error : new Error(String(error));
      connection.sendCopyFail(this.error.message.slice(0, 500));
    }
  }

  handleCommandComplete(message: { text?: string }) {
    const match = /^COPY (\d+)/.exec(message.text ?? '');
    if (match) this.rowCount = Number(match[1]);
  }

  private done = false;

  private finish() {
    if (this.done) return;
    this.done = true;
    this.callback?.(this.error, { rowCount: this.rowCount });
  }

  handleReadyForQuery() {
    this.finish();
  }

  /** node-postgres drops the query on an error (its ReadyForQuery goes to no one): answer now. */
  handleError(error: Error) {
    this.error ??= error;
    this.finish();
  }

  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/**
 * COPY `table` (`columns`) FROM STDIN on this client, the rows (already in text
 * format: see copyRow) coming from `rows`. Resolves with the number of rows stored;
 * rejects (and stores nothing) on any bad row.
 */
export function copyInto(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
): Promise<number> {
  const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const text = `copy ${table.split('.').map(ident).join('.')} (${columns.map(ident).join(', ')}) from stdin`;
  return new Promise((resolve, reject) => {
    const copy = new CopyFromStdin(text, rows);
    copy.callback = (error, result) => (error ? reject(error) : resolve(result?.rowCount ?? 0));
    (client as unknown as { query(q: unknown): void }).query(copy);
  });
}
