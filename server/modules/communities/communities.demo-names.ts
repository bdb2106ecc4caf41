/**
 * Plausible, clearly invented material for demo communities: names built the way Bangkok
 * communities are commonly named (after a temple, a canal, a soi, a market, or a wish
 * for unity), committee members' names, and needs a community typically records. Pure
 * and driven by a seeded random source, so a district's demo data is the same every run.
 */
import type { CommunityKind } from './communities.tables.ts';

export type Rng = () => number;

/** Mulberry32: small, fast, good enough to spread demo data; seeded per district. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

const PLACES = ['วัด', 'ริมคลอง', 'หลังวัด', 'ซอย', 'ตลาด', 'บ้าน', 'หมู่บ้าน', 'ท่าน้ำ', 'สะพาน', 'หลังโรงเรียน', 'มัสยิด', 'ศาลเจ้า', 'ริมทางรถไฟ', 'แฟลต', 'ร่วมใจ', 'สามัคคี', 'พัฒนา'];
const WORDS = [
  'ทองสุข', 'ศรีเจริญ', 'ร่มโพธิ์', 'ลำไทร', 'บุญมา', 'สามแยก', 'กลางสวน', 'ประชาร่วมใจ', 'มิตรภาพ', 'สุขสันต์', 'ร่มเย็น',
  'เจริญพร', 'ทรัพย์สิน', 'ศรีสุข', 'มั่นคง', 'ไทรงาม', 'น้ำใส', 'บัวขาว', 'สายลม', 'นาคทอง', 'แสงทอง', 'ปากซอย',
  'ต้นตาล', 'ต้นมะม่วง', 'ท่าเรือเก่า', 'คลองเล็ก', 'โพธิ์ทอง', 'รุ่งอรุณ', 'ดอกแก้ว', 'ชัยมงคล', 'สิริมงคล', 'ใจดี',
];

/** A community name not in `taken` (which it then joins). */
export function communityName(rng: Rng, taken: Set<string>): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const place = pick(rng, PLACES);
    const word = pick(rng, WORDS);
    const name = place === 'ซอย' ? `ชุมชนซอย${word} ${between(rng, 1, 60)}` : `ชุมชน${place}${word}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  // A crowded district ran out of short names: a running number keeps them apart.
  let n = 2;
  const base = `ชุมชน${pick(rng, PLACES)}${pick(rng, WORDS)}`;
  while (taken.has(`${base} ${n}`)) n += 1;
  taken.add(`${base} ${n}`);
  return `${base} ${n}`;
}

/**
 * Kinds by how built-up the district is (residents per km²): the old city is mostly
 * crowded and urban communities, the outskirts mostly suburban ones.
 */
export function kindShares(density: number): Array<[CommunityKind, number]> {
  if (density >= 12_000) return [['crowded', 0.45], ['urban', 0.3], ['high_rise', 0.12], ['suburban', 0.05], ['special', 0.08]];
  if (density >= 4_000) return [['crowded', 0.35], ['urban', 0.3], ['suburban', 0.2], ['high_rise', 0.08], ['special', 0.07]];
  return [['suburban', 0.5], ['crowded', 0.2], ['urban', 0.18], ['high_rise', 0.04], ['special', 0.08]];
}

export function weighted<T>(rng: Rng, shares: ReadonlyArray<readonly [T, number]>): T {
  const total = shares.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng() * total;
  for (const [value, weight] of shares) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return shares[shares.length - 1]![0];
}

export const HOUSEHOLDS: Record<CommunityKind, [number, number]> = {
  crowded: [80, 450],
  urban: [60, 300],
  suburban: [40, 260],
  high_rise: [150, 800],
  special: [25, 150],
};

const TITLES_M = ['นาย'];
const TITLES_F = ['นาง', 'นางสาว'];
const FIRST_M = ['สมชาย', 'ประสิทธิ์', 'วิชัย', 'สุรชัย', 'บุญเลิศ', 'ชาญ', 'อนันต์', 'สมบัติ', 'ธนพล', 'กิตติ', 'สมศักดิ์', 'ไพโรจน์'];
const FIRST_F = ['สมศรี', 'มาลี', 'วันเพ็ญ', 'บุษบา', 'อรุณี', 'สุดา', 'ประภา', 'จันทร์เพ็ญ', 'กาญจนา', 'ลำดวน', 'นงลักษณ์', 'ศิริพร'];
const LAST = ['ใจดี', 'มีสุข', 'รักษ์ชุมชน', 'ทองคำ', 'ศรีสวัสดิ์', 'บุญมาก', 'แก้วประเสริฐ', 'สุขเจริญ', 'พึ่งบุญ', 'อยู่สบาย', 'วงศ์ไทย', 'จันทร์หอม', 'เพ็ชรงาม', 'ปานทอง'];

export function personName(rng: Rng): string {
  return rng() < 0.5
    ? `${pick(rng, TITLES_M)}${pick(rng, FIRST_M)} ${pick(rng, LAST)}`
    : `${pick(rng, TITLES_F)}${pick(rng, FIRST_F)} ${pick(rng, LAST)}`;
}

export interface NeedTemplate {
  title: string;
  description: string;
  category: string | null;
  place: string;
}

export const NEED_TEMPLATES: readonly NeedTemplate[] = [
  { title: 'ท่อระบายน้ำอุดตัน น้ำท่วมขังทุกครั้งที่ฝนตก', description: 'ฝนตกหนักแต่ละครั้งน้ำท่วมขังในซอยนานหลายชั่วโมง บ้านที่อยู่ต่ำน้ำเข้าบ้าน ต้องการให้ลอกท่อและขยายท่อระบายน้ำ', category: 'drain', place: 'ซอยกลางชุมชน' },
  { title: 'ไฟส่องสว่างในซอยดับหลายจุด', description: 'ไฟทางดับมานาน กลางคืนมืด ผู้หญิงและเด็กกลับบ้านไม่ปลอดภัย ต้องการให้ซ่อมและเพิ่มเสาไฟ', category: 'lighting', place: 'ทางเดินหลังชุมชน' },
  { title: 'ถนนในชุมชนชำรุดเป็นหลุมบ่อ', description: 'ถนนคอนกรีตแตกร้าวเป็นหลุม รถจักรยานยนต์ล้มบ่อย รถพยาบาลเข้าออกลำบาก', category: 'road', place: 'ถนนทางเข้าชุมชน' },
  { title: 'ขยะตกค้าง จุดทิ้งขยะไม่เพียงพอ', description: 'รถเก็บขยะเข้าไม่ถึงในซอยแคบ ขยะตกค้างส่งกลิ่นและมีหนู ต้องการจุดพักขยะและรอบเก็บที่แน่นอน', category: 'cleanliness', place: 'ปากซอย' },
  { title: 'น้ำในคลองเน่าเสีย ส่งกลิ่นเหม็น', description: 'น้ำในคลองหลังชุมชนดำและมีกลิ่น โดยเฉพาะหน้าแล้ง ต้องการให้ขุดลอกและบำบัดน้ำเสีย', category: 'canal', place: 'ริมคลองหลังชุมชน' },
  { title: 'ทางเท้าแคบและชำรุด ผู้สูงอายุเดินลำบาก', description: 'ทางเท้ายกระดับไม่เท่ากันและแผ่นปูหลุด ผู้สูงอายุและรถเข็นผ่านไม่ได้', category: 'sidewalk', place: 'ทางเท้าหน้าชุมชน' },
  { title: 'สุนัขจรจัดจำนวนมาก', description: 'มีสุนัขจรจัดหลายสิบตัว เด็กถูกกัดแล้วหลายครั้ง ต้องการให้ทำหมันและฉีดวัคซีน', category: 'stray_animals', place: 'ลานกลางชุมชน' },
  { title: 'ไม่มีพื้นที่ออกกำลังกายและลานเด็กเล่น', description: 'เด็กและเยาวชนไม่มีที่เล่นกีฬา ต้องเล่นบนถนน ต้องการปรับที่ว่างเป็นลานกีฬาอเนกประสงค์', category: null, place: 'ที่ว่างข้างศาลาชุมชน' },
  { title: 'ผู้สูงอายุติดบ้านขาดผู้ดูแล', description: 'มีผู้สูงอายุติดบ้านติดเตียงหลายราย ลูกหลานต้องออกไปทำงาน ต้องการอาสาสมัครเยี่ยมบ้านและอุปกรณ์ช่วยเหลือ', category: null, place: 'ทั่วชุมชน' },
  { title: 'จุดเสี่ยงอาชญากรรม ไม่มีกล้องวงจรปิด', description: 'มีการลักขโมยบ่อยในช่วงกลางคืน ต้องการกล้องวงจรปิดที่ปากซอยและจุดอับ', category: 'safety', place: 'ทางเชื่อมระหว่างซอย' },
  { title: 'กิ่งไม้ใหญ่พาดสายไฟ', description: 'ต้นไม้ใหญ่ริมทางมีกิ่งพาดสายไฟ ลมแรงแล้วไฟดับ เสี่ยงไฟช็อต ต้องการให้ตัดแต่งกิ่ง', category: 'trees', place: 'ริมถนนสายหลัก' },
  { title: 'ศาลาชุมชนทรุดโทรม', description: 'ศาลาที่ใช้ประชุมและทำกิจกรรมหลังคารั่ว พื้นผุ ต้องการซ่อมแซมให้ใช้ได้อย่างปลอดภัย', category: null, place: 'ศาลาชุมชน' },
];
