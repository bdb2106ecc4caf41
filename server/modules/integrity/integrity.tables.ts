/**
 * Kysely row types for the integrity module (corruption complaints).
 * Merged into the one Database type in server/platform/db/schema.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IntegrityTables {}
