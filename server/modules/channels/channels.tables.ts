/**
 * Kysely row types for the chat channels (LINE, Facebook, X): conversations, processed webhook events.
 * Merged into the one Database type in server/platform/db/schema.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChannelsTables {}
