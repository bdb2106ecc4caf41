// Thai texts of the accountability screens. Every key here must also be in accountability.en.ts.
export const accountabilityTh = {
  'accountability.nav': 'ติดตามงบประมาณและโครงการ',
};
