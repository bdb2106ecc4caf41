/**
 * Kysely row types for the 1555 call centre.
 * Merged into the one Database type in server/platform/db/schema.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CallCentreTables {}
