import type { communitiesTh } from './communities.th';

// English texts of the communities screens.
export const communitiesEn: Record<keyof typeof communitiesTh, string> = {
  'communities.nav': 'Communities',
};
