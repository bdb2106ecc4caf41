import type { accountabilityTh } from './accountability.th';

// English texts of the accountability screens.
export const accountabilityEn: Record<keyof typeof accountabilityTh, string> = {
  'accountability.nav': 'Follow the money',
};
