/**
 * Kysely row types for the 1555 call centre.
 * Merged into the one Database type in server/platform/db/schema.ts.
 *
 * The call centre keeps no tables of its own: reports it files are ordinary reports
 * (channel "call_centre"), follow-ups are report subscriptions and outbox messages,
 * and every lookup and filing is in the audit trail. Migration 0009 only adds the
 * `agent` role and the indexes the caller lookup needs.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CallCentreTables {}
