/**
 * Kysely row types for outbox tables beyond its base table, merged into the one
 * Database type in server/platform/db/schema.ts. None so far: delivery state (attempts,
 * next_attempt_at, last_error, delivered_at) lives on the base `outbox` row, and
 * 0006_outbox_delivery.sql adds only indexes and the wake-up trigger.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OutboxTables {}
