import type { open311Th } from './open311.th';

export const open311En: Record<keyof typeof open311Th, string> = {
};
