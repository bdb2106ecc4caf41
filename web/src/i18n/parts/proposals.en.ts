import type { proposalsTh } from './proposals.th';

// English texts of the proposals screens.
export const proposalsEn: Record<keyof typeof proposalsTh, string> = {
  'proposals.nav': 'Community projects',
};
