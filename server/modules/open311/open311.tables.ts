import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely row types for Open311 GeoReport v2: registered clients and their API keys, and
 * the requests they filed. Merged into the one Database type in server/platform/db/schema.ts.
 * Keep in step with server/migrations/0008_open311.sql.
 */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface Open311ClientsTable {
  id: Generated<string>;
  public_id: string;
  name: string;
  /** sha256 (hex) of the API key; the key itself is never stored. */
  key_hash: string;
  key_prefix: string;
  created_at: Generated<Date>;
  created_by: string | null;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  last_used_at: NullableTimestamp;
}

export interface Open311RequestsTable {
  id: Generated<string>;
  report_id: string;
  client_id: string;
  token: string;
  account_id: string | null;
  device_id: string | null;
  address_id: string | null;
  media_url: string | null;
  created_at: Generated<Date>;
}

export interface Open311Tables {
  open311_clients: Open311ClientsTable;
  open311_requests: Open311RequestsTable;
}
