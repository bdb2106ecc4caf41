// Thai texts of the outbox screens. Every key here must also be in outbox.en.ts.
export const outboxTh = {
} satisfies Record<string, string>;
