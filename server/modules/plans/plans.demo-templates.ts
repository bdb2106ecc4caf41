/**
 * What demo district plans are made of: the kinds of projects Bangkok's district offices
 * put in their annual action plans, with the unit that runs them, the policy dimension
 * they serve, a budget range and an indicator. Invented, and shown as demo data.
 */

export interface ItemTemplate {
  title: string;
  unit: string;
  strategy: string;
  /** Budget range in whole baht. */
  budget: [number, number];
  indicator: { name: string; target: number; unit: string };
}

export const AGENCY_ITEMS: readonly ItemTemplate[] = [
  { title: 'โครงการลอกท่อระบายน้ำและขุดลอกคูคลองในพื้นที่เขต', unit: 'ฝ่ายโยธา', strategy: 'environment', budget: [1_500_000, 4_000_000], indicator: { name: 'ความยาวท่อระบายน้ำที่ลอก', target: 5000, unit: 'เมตร' } },
  { title: 'โครงการปรับปรุงทางเท้าและติดตั้งไฟฟ้าส่องสว่าง', unit: 'ฝ่ายโยธา', strategy: 'travel', budget: [2_000_000, 6_000_000], indicator: { name: 'ทางเท้าที่ปรับปรุง', target: 1200, unit: 'เมตร' } },
  { title: 'โครงการคัดแยกขยะต้นทางในชุมชน', unit: 'ฝ่ายรักษาความสะอาดและสวนสาธารณะ', strategy: 'environment', budget: [300_000, 800_000], indicator: { name: 'ชุมชนที่เข้าร่วม', target: 20, unit: 'ชุมชน' } },
  { title: 'โครงการตรวจคัดกรองสุขภาพผู้สูงอายุในชุมชน', unit: 'ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม', strategy: 'health', budget: [200_000, 500_000], indicator: { name: 'ผู้สูงอายุที่ได้รับการคัดกรอง', target: 800, unit: 'คน' } },
  { title: 'โครงการติดตั้งกล้องโทรทัศน์วงจรปิดบริเวณจุดเสี่ยง', unit: 'ฝ่ายเทศกิจ', strategy: 'safe', budget: [1_000_000, 3_000_000], indicator: { name: 'กล้องที่ติดตั้งและใช้งานได้', target: 40, unit: 'ตัว' } },
  { title: 'โครงการส่งเสริมอาชีพและตลาดชุมชน', unit: 'ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม', strategy: 'economy', budget: [300_000, 600_000], indicator: { name: 'ผู้เข้าร่วมอบรมอาชีพ', target: 150, unit: 'คน' } },
  { title: 'โครงการพัฒนาสวน 15 นาที', unit: 'ฝ่ายรักษาความสะอาดและสวนสาธารณะ', strategy: 'environment', budget: [1_000_000, 2_500_000], indicator: { name: 'พื้นที่สีเขียวที่เพิ่มขึ้น', target: 2, unit: 'ไร่' } },
  { title: 'โครงการเปิดเผยข้อมูลงบประมาณและการจัดซื้อจัดจ้างของเขต', unit: 'ฝ่ายการคลัง', strategy: 'transparent', budget: [100_000, 300_000], indicator: { name: 'ชุดข้อมูลที่เปิดเผย', target: 12, unit: 'ชุด' } },
  { title: 'โครงการห้องเรียนพิเศษหลังเลิกเรียนในโรงเรียนสังกัดเขต', unit: 'ฝ่ายการศึกษา', strategy: 'learning', budget: [400_000, 900_000], indicator: { name: 'นักเรียนที่เข้าร่วม', target: 300, unit: 'คน' } },
];

/** Milestones of a demo item: weights sum to 100, due one per quarter. */
export const MILESTONES = [
  { title: 'สำรวจ ออกแบบ และจัดทำรายละเอียด', weight: 15, quarter: 1 },
  { title: 'จัดซื้อจัดจ้าง', weight: 15, quarter: 2 },
  { title: 'ดำเนินการตามแผน', weight: 55, quarter: 3 },
  { title: 'ตรวจรับงานและประเมินผล', weight: 15, quarter: 4 },
] as const;

export const PROGRESS_NOTES = [
  'ดำเนินการตามแผน',
  'ผู้รับจ้างเข้าพื้นที่แล้ว',
  'ประชุมชี้แจงชุมชนเรียบร้อย',
  'ตรวจรับงานงวดที่ 1 แล้ว',
  'ล่าช้าเล็กน้อยเนื่องจากฝนตกต่อเนื่อง',
] as const;

/** Deterministic random numbers (mulberry32): the same district and year give the same plan. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A budget in satang, rounded to whole thousands of baht as plans write them. */
export function demoBudget(rng: () => number, [min, max]: [number, number]): bigint {
  const baht = Math.round((min + rng() * (max - min)) / 1000) * 1000;
  return BigInt(baht) * 100n;
}
