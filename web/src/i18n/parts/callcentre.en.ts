import type { callcentreTh } from './callcentre.th';

export const callcentreEn: Record<keyof typeof callcentreTh, string> = {
};
