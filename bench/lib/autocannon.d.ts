// autocannon ships no types; the load generator uses a small part of its API.
declare module 'autocannon' {
  const autocannon: (options: object) => Promise<unknown> & NodeJS.EventEmitter;
  export default autocannon;
}
