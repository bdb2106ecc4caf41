import { createHash } from 'node:crypto';
import type { Compilable, RawBuilder } from 'kysely';
import pg from 'pg';
import type { Executor } from './database.ts';

/**
 * Server-side prepared statements for the few hot statements whose text never changes.
 *
 * Kysely sends every statement unnamed, so PostgreSQL parses and plans it on every
 * execution. For the "already reported?" query that was more than half of its cost
 * (0.6 of 1.1 ms at a million reports). A repository marks such a statement with
 * `runPrepared`; the pool's clients (`PreparingClient`) send marked statements under a
 * name derived from their text, so each connection parses and plans them once.
 *
 * Only statements with a fixed text belong here (no IN-lists whose length follows the
 * input, no optional clauses that multiply the variants), and only ones whose best plan
 * does not depend on the values: after five executions PostgreSQL may keep one generic
 * plan. As a guard, a process prepares at most MAX_PREPARED distinct texts; further ones
 * run unnamed, as before.
 *
 * Behind PgBouncer in transaction mode this needs PgBouncer 1.21 or later with
 * `max_prepared_statements` above zero; else set DATABASE_PREPARED_STATEMENTS=false:
 * the pools then use pg's own client and every statement runs unnamed.
 */

/**
 * Marks a statement's text; PostgreSQL sees a comment. At the end, so the text still
 * starts with SELECT for the replica router (read-routing.ts).
 */
const MARK = ' /* prepared */';
const MAX_PREPARED = 100;

const names = new Map<string, string>();

/** How many distinct statements this process prepares (for tests and /metrics). */
export function preparedStatementCount(): number {
  return names.size;
}

function nameFor(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_PREPARED) return known;
  const name = `dp_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
  names.set(text, name);
  return name;
}

/**
 * Runs a query as a named prepared statement (see above), in the pool or in the
 * transaction `db` is, with Kysely's row typing kept.
 */
export async function runPrepared<Row>(db: Executor, query: Compilable<Row> | RawBuilder<Row>): Promise<Row[]> {
  const compiled = 'isRawBuilder' in query ? query.compile(db) : query.compile();
  // A pool without PreparingClient (DATABASE_PREPARED_STATEMENTS=false) sends the
  // marked text unnamed: the mark is only a comment.
  const result = await db.executeQuery<Row>({ ...compiled, sql: compiled.sql + MARK });
  return result.rows;
}

/**
 * The pool's client: a statement whose text ends with the mark goes out named. Kysely
 * calls `query(text, values)`; every other form passes through unchanged.
 */
export class PreparingClient extends pg.Client {
  // pg's query() has many overloads; only the (text, values) form is rewritten.
  override query(...args: unknown[]): never {
    const [first, values] = args;
    const query = super.query as unknown as (...a: unknown[]) => never;
    if (typeof first === 'string' && first.endsWith(MARK) && Array.isArray(values) && args.length === 2) {
      const name = nameFor(first);
      if (name !== undefined) return query.call(this, { name, text: first, values });
    }
    return query.apply(this, args);
  }
}
