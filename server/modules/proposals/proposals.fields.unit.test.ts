import { describe, expect, it } from 'vitest';
import { fieldLabel } from './proposals.fields.ts';

describe('fieldLabel', () => {
  it('names fields the way the form does, rows counted from 1', () => {
    expect(fieldLabel('fiscal_year')).toEqual({ th: 'ปีงบประมาณ', en: 'Fiscal year' });
    expect(fieldLabel('budget_lines.1.unit_cost_baht')).toEqual({ th: 'รายการงบประมาณที่ 2 (ราคาต่อหน่วย)', en: 'Budget line 2 (unit cost)' });
    expect(fieldLabel('activities.0.ends_on')).toEqual({ th: 'กิจกรรมที่ 1 (วันสิ้นสุด)', en: 'Activity 1 (end)' });
    expect(fieldLabel('something_else')).toEqual({ th: 'something_else', en: 'something_else' });
  });
});
