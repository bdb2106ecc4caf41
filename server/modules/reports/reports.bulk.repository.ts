/**
 * The SQL of bulk loading (the Traffy importer): on one plain pg connection inside the
 * caller's transaction, ids drawn ahead from the sequences so rows can point at each
 * other before they exist, and rows streamed in with COPY (reports.copy.ts).
 */
import type pg from 'pg';
import { copyInto } from './reports.copy.ts';

export const BULK_REPORT_COLUMNS = [
  'id', 'code', 'category_id', 'description', 'lat', 'lng', 'location', 'district_code', 'address', 'state', 'close_reason',
  'agency_id', 'routing_reason_th', 'routing_reason_en', 'channel', 'external_ref', 'external_source', 'is_demo',
  'reopen_count', 'rating', 'created_at', 'updated_at', 'first_response_at', 'fixed_at', 'closed_at',
  'due_first_response_at', 'due_fix_at', 'search',
] as const;
export const BULK_EVENT_COLUMNS = ['id', 'report_id', 'kind', 'visibility', 'actor_id', 'agency_id', 'note', 'data', 'created_at'] as const;
export const BULK_PHOTO_COLUMNS = ['public_id', 'report_id', 'event_id', 'kind', 'external_url', 'created_at'] as const;
export const BULK_AUDIT_COLUMNS = ['occurred_at', 'actor_user_id', 'actor_label', 'channel', 'action', 'entity_type', 'entity_id', 'before', 'after'] as const;

export const bulkRepository = {
  /** `n` fresh ids of a table's identity column, ascending. */
  async reserveIds(client: pg.ClientBase, table: 'reports' | 'report_events', n: number): Promise<string[]> {
    if (n === 0) return [];
    const result = await client.query<{ id: string }>(`select nextval(pg_get_serial_sequence($1, 'id'))::text as id from generate_series(1, $2)`, [table, n]);
    return result.rows.map((r) => r.id);
  },

  /** Which of these external references are already stored. */
  async existingExternalRefs(client: pg.ClientBase, refs: string[]): Promise<Set<string>> {
    if (refs.length === 0) return new Set();
    const result = await client.query<{ ref: string }>('select external_ref as ref from reports where external_ref = any($1::text[])', [refs]);
    return new Set(result.rows.map((r) => r.ref));
  },

  /** Which of these tracking codes are taken. */
  async takenCodes(client: pg.ClientBase, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const result = await client.query<{ code: string }>('select code from reports where code = any($1::text[])', [codes]);
    return new Set(result.rows.map((r) => r.code));
  },

  copyReports: (client: pg.ClientBase, text: string) => copyInto(client, 'reports', BULK_REPORT_COLUMNS, [text]),
  copyEvents: (client: pg.ClientBase, text: string) => copyInto(client, 'report_events', BULK_EVENT_COLUMNS, [text]),
  copyPhotos: (client: pg.ClientBase, text: string) => (text ? copyInto(client, 'report_photos', BULK_PHOTO_COLUMNS, [text]) : Promise.resolve(0)),
  /** Unsealed audit entries, as recordAudit writes them; the sealer chains them after commit. */
  copyAudit: (client: pg.ClientBase, text: string) => copyInto(client, 'audit_log', BULK_AUDIT_COLUMNS, [text]),
};
