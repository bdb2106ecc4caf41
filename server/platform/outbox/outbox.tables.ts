/**
 * Kysely row types for the outbox beyond its base table (deliveries, attempts).
 * Merged into the one Database type in server/platform/db/schema.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OutboxTables {}
