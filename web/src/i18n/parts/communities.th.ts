// Thai texts of the communities screens. Every key here must also be in communities.en.ts.
export const communitiesTh = {
  'communities.nav': 'ชุมชน',
};
