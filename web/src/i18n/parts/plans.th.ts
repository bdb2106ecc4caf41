// Thai texts of the plans screens. Every key here must also be in plans.en.ts.
export const plansTh = {
  'plans.nav': 'แผนปฏิบัติราชการ',
  'admin.role.planner': 'เจ้าหน้าที่วางแผน (พิจารณาโครงการและจัดทำแผน)',
};
