/**
 * The BMA policy dimensions a proposal can serve: the Governor's "นโยบาย 9 ดี"
 * (nine dimensions of a liveable Bangkok, 2022), in their official order and Thai names.
 * A proposal names one of them (strategy_code) or none; a district's own policy is free
 * text beside it (district_policy).
 */
export const STRATEGIES = [
  { code: 'safe', name_th: 'ปลอดภัยดี', name_en: 'Safety' },
  { code: 'transparent', name_th: 'โปร่งใสดี', name_en: 'Transparency' },
  { code: 'travel', name_th: 'เดินทางดี', name_en: 'Mobility' },
  { code: 'environment', name_th: 'สิ่งแวดล้อมดี', name_en: 'Environment' },
  { code: 'health', name_th: 'สุขภาพดี', name_en: 'Health' },
  { code: 'learning', name_th: 'เรียนดี', name_en: 'Learning' },
  { code: 'economy', name_th: 'เศรษฐกิจดี', name_en: 'Economy' },
  { code: 'society', name_th: 'สังคมดี', name_en: 'Society' },
  { code: 'management', name_th: 'บริหารจัดการดี', name_en: 'Management' },
] as const;

export type StrategyCode = (typeof STRATEGIES)[number]['code'];
export const STRATEGY_CODES = STRATEGIES.map((s) => s.code) as readonly StrategyCode[];

export function strategyOf(code: string | null | undefined) {
  return STRATEGIES.find((s) => s.code === code) ?? null;
}
