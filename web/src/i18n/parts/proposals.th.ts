// Thai texts of the proposals screens. Every key here must also be in proposals.en.ts.
export const proposalsTh = {
  'proposals.nav': 'โครงการของชุมชน',
};
