import type { outboxTh } from './outbox.th';

export const outboxEn: Record<keyof typeof outboxTh, string> = {
};
