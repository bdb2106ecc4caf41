import type { integrityTh } from './integrity.th';

export const integrityEn: Record<keyof typeof integrityTh, string> = {
};
