/**
 * Kysely row types for Open311 GeoReport v2: registered clients and their API keys.
 * Merged into the one Database type in server/platform/db/schema.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Open311Tables {}
