/**
 * Demo projects, one per kind of community need (the communities demo seed writes needs
 * from the same twelve problems), with budget lines priced the way district offices
 * price them. Invented, flagged is_demo wherever they land.
 */
import type { StrategyCode } from './proposals.strategies.ts';

export interface DemoLine {
  description: string;
  unit: string;
  /** Inclusive ranges; unit costs in whole baht. */
  quantity: [number, number];
  unitCost: [number, number];
}

export interface DemoProject {
  /** Which need this project answers, by the words in the need's title. */
  match: RegExp;
  title: string;
  problem: string;
  objectives: string;
  strategy: StrategyCode;
  activities: string[];
  beneficiaries: string;
  lines: DemoLine[];
}

export const DEMO_PROJECTS: readonly DemoProject[] = [
  {
    match: /ท่อระบายน้ำ|น้ำท่วม/, title: 'ลอกท่อและวางท่อระบายน้ำในซอยชุมชน', strategy: 'safe',
    problem: 'ฝนตกหนักแต่ละครั้งน้ำท่วมขังในซอยนานหลายชั่วโมง ท่อเดิมเล็กและอุดตัน',
    objectives: 'ระบายน้ำออกจากซอยได้ภายใน 1 ชั่วโมงหลังฝนหยุด และไม่มีน้ำเข้าบ้าน',
    activities: ['สำรวจแนวท่อร่วมกับฝ่ายโยธา', 'ลอกท่อเดิม', 'วางท่อและบ่อพักใหม่'],
    beneficiaries: 'ครัวเรือนในซอยที่น้ำท่วมขังและผู้สัญจรผ่าน',
    lines: [
      { description: 'ท่อคอนกรีตเสริมเหล็ก ขนาด 60 ซม.', unit: 'ท่อน', quantity: [20, 60], unitCost: [1450, 1850] },
      { description: 'บ่อพักน้ำพร้อมฝาตะแกรง', unit: 'บ่อ', quantity: [3, 8], unitCost: [6500, 9000] },
      { description: 'ค่าแรงลอกท่อและวางท่อ', unit: 'วัน', quantity: [5, 15], unitCost: [3500, 4500] },
    ],
  },
  {
    match: /ไฟส่องสว่าง|ไฟทาง/, title: 'ติดตั้งและซ่อมไฟส่องสว่างในซอย', strategy: 'safe',
    problem: 'ไฟทางดับหลายจุด กลางคืนมืด คนในชุมชนกลับบ้านไม่ปลอดภัย',
    objectives: 'ให้ทางเดินในชุมชนมีแสงสว่างเพียงพอตลอดคืน',
    activities: ['สำรวจจุดมืดร่วมกับชุมชน', 'ติดตั้งเสาและโคมไฟ', 'ตรวจรับและส่งมอบ'],
    beneficiaries: 'ผู้อยู่อาศัยและผู้สัญจรยามค่ำคืน',
    lines: [
      { description: 'โคมไฟถนน LED 100 วัตต์', unit: 'ชุด', quantity: [8, 25], unitCost: [4200, 5600] },
      { description: 'เสาไฟกิ่งเดี่ยว สูง 6 เมตร', unit: 'ต้น', quantity: [3, 10], unitCost: [12000, 16000] },
      { description: 'สายไฟและอุปกรณ์ติดตั้ง', unit: 'ชุด', quantity: [1, 1], unitCost: [15000, 30000] },
    ],
  },
  {
    match: /ถนน/, title: 'ซ่อมผิวถนนคอนกรีตในชุมชน', strategy: 'travel',
    problem: 'ถนนคอนกรีตแตกร้าวเป็นหลุม รถจักรยานยนต์ล้มบ่อย รถพยาบาลเข้าออกลำบาก',
    objectives: 'ถนนเรียบ รถฉุกเฉินเข้าถึงทุกบ้าน',
    activities: ['รื้อผิวถนนส่วนที่ชำรุด', 'เทคอนกรีตใหม่', 'บ่มคอนกรีตและเปิดใช้'],
    beneficiaries: 'ผู้ใช้ถนนทางเข้าชุมชนทุกคน',
    lines: [
      { description: 'คอนกรีตผสมเสร็จ', unit: 'ลบ.ม.', quantity: [20, 60], unitCost: [2100, 2600] },
      { description: 'เหล็กเสริม ขนาด 12 มม.', unit: 'เส้น', quantity: [50, 150], unitCost: [180, 260] },
      { description: 'ค่าแรงเทและตกแต่งผิว', unit: 'ตร.ม.', quantity: [100, 300], unitCost: [120, 180] },
    ],
  },
  {
    match: /ขยะ/, title: 'จุดพักขยะและธนาคารขยะชุมชน', strategy: 'environment',
    problem: 'รถเก็บขยะเข้าไม่ถึงในซอยแคบ ขยะตกค้างส่งกลิ่นและมีหนู',
    objectives: 'ไม่มีขยะตกค้างเกิน 1 วัน และลดขยะที่ต้องเก็บลงหนึ่งในสี่ด้วยการคัดแยก',
    activities: ['สร้างโรงเรือนพักขยะ', 'อบรมการคัดแยกขยะ', 'เปิดธนาคารขยะเดือนละครั้ง'],
    beneficiaries: 'ทุกครัวเรือนในชุมชน',
    lines: [
      { description: 'ถังขยะแยกประเภท 240 ลิตร', unit: 'ใบ', quantity: [10, 30], unitCost: [2300, 2900] },
      { description: 'โรงเรือนพักขยะ', unit: 'หลัง', quantity: [1, 1], unitCost: [45000, 80000] },
      { description: 'อบรมการคัดแยกขยะ', unit: 'ครั้ง', quantity: [2, 4], unitCost: [8000, 12000] },
    ],
  },
  {
    match: /คลอง/, title: 'ขุดลอกคลองและติดตั้งเครื่องเติมอากาศ', strategy: 'environment',
    problem: 'น้ำในคลองหลังชุมชนดำและมีกลิ่น โดยเฉพาะหน้าแล้ง',
    objectives: 'ค่าออกซิเจนละลายน้ำในคลองไม่ต่ำกว่าเกณฑ์ และไม่มีกลิ่นรบกวน',
    activities: ['ขุดลอกตะกอนเลน', 'ติดตั้งเครื่องเติมอากาศ', 'ตรวจคุณภาพน้ำทุกไตรมาส'],
    beneficiaries: 'ครัวเรือนริมคลอง',
    lines: [
      { description: 'ค่าขุดลอกตะกอนเลน', unit: 'เมตร', quantity: [200, 600], unitCost: [150, 250] },
      { description: 'เครื่องเติมอากาศแบบทุ่นลอย', unit: 'เครื่อง', quantity: [2, 4], unitCost: [35000, 48000] },
    ],
  },
  {
    match: /ทางเท้า/, title: 'ปรับปรุงทางเท้าให้เดินได้ทุกคน', strategy: 'travel',
    problem: 'ทางเท้าไม่เสมอกันและแผ่นปูหลุด ผู้สูงอายุและรถเข็นผ่านไม่ได้',
    objectives: 'ทางเท้าเรียบ มีทางลาดทุกทางแยก',
    activities: ['รื้อแผ่นปูเดิม', 'ปูทางเท้าใหม่ระดับเดียวกัน', 'ทำทางลาดรถเข็น'],
    beneficiaries: 'ผู้สูงอายุ ผู้พิการ และคนเดินเท้า',
    lines: [
      { description: 'แผ่นปูทางเท้าคอนกรีต', unit: 'ตร.ม.', quantity: [120, 400], unitCost: [380, 520] },
      { description: 'ทางลาดสำหรับรถเข็น', unit: 'จุด', quantity: [4, 10], unitCost: [6000, 9000] },
      { description: 'ค่าแรงปูทางเท้า', unit: 'ตร.ม.', quantity: [120, 400], unitCost: [150, 220] },
    ],
  },
  {
    match: /สุนัข/, title: 'ทำหมันและฉีดวัคซีนสุนัขจรจัดในชุมชน', strategy: 'health',
    problem: 'มีสุนัขจรจัดหลายสิบตัว เด็กถูกกัดแล้วหลายครั้ง',
    objectives: 'สุนัขในชุมชนทำหมันและได้วัคซีนพิษสุนัขบ้าครบทุกตัว',
    activities: ['สำรวจจำนวนสุนัข', 'ทำหมันและฉีดวัคซีน', 'ติดตามผลหลังผ่าตัด'],
    beneficiaries: 'เด็กและผู้อยู่อาศัยในชุมชน',
    lines: [
      { description: 'ค่าผ่าตัดทำหมัน', unit: 'ตัว', quantity: [20, 60], unitCost: [600, 900] },
      { description: 'วัคซีนป้องกันโรคพิษสุนัขบ้า', unit: 'โดส', quantity: [20, 60], unitCost: [80, 120] },
      { description: 'กรงพักฟื้น', unit: 'ชุด', quantity: [2, 5], unitCost: [3500, 4800] },
    ],
  },
  {
    match: /ออกกำลังกาย|ลานเด็กเล่น|กีฬา/, title: 'ลานกีฬาอเนกประสงค์และลานเด็กเล่น', strategy: 'health',
    problem: 'เด็กและเยาวชนไม่มีที่เล่นกีฬา ต้องเล่นบนถนน',
    objectives: 'มีลานกีฬาและลานเด็กเล่นที่ปลอดภัยเปิดทุกวัน',
    activities: ['ปรับพื้นที่ว่าง', 'ติดตั้งเครื่องเล่นและเครื่องออกกำลังกาย', 'จัดเวรดูแลลาน'],
    beneficiaries: 'เด็ก เยาวชน และผู้สูงอายุในชุมชน',
    lines: [
      { description: 'ปรับพื้นผิวลานกีฬา', unit: 'ตร.ม.', quantity: [200, 500], unitCost: [450, 650] },
      { description: 'ชุดเครื่องเล่นเด็ก', unit: 'ชุด', quantity: [1, 3], unitCost: [38000, 55000] },
      { description: 'เครื่องออกกำลังกายกลางแจ้ง', unit: 'ชุด', quantity: [4, 8], unitCost: [14000, 19000] },
    ],
  },
  {
    match: /ผู้สูงอายุ/, title: 'อาสาสมัครเยี่ยมบ้านผู้สูงอายุติดบ้านติดเตียง', strategy: 'society',
    problem: 'มีผู้สูงอายุติดบ้านติดเตียงหลายราย ลูกหลานต้องออกไปทำงาน',
    objectives: 'ผู้สูงอายุติดบ้านติดเตียงทุกคนได้รับการเยี่ยมอย่างน้อยสัปดาห์ละครั้ง',
    activities: ['อบรมอาสาสมัคร', 'จัดตารางเยี่ยมบ้าน', 'ให้ยืมอุปกรณ์ช่วยเหลือ'],
    beneficiaries: 'ผู้สูงอายุติดบ้านติดเตียงและครอบครัว',
    lines: [
      { description: 'อบรมอาสาสมัครดูแลผู้สูงอายุ', unit: 'คน', quantity: [20, 40], unitCost: [600, 900] },
      { description: 'เตียงผู้ป่วยพร้อมที่นอนลม', unit: 'ชุด', quantity: [3, 8], unitCost: [12000, 16500] },
      { description: 'รถเข็นวีลแชร์', unit: 'คัน', quantity: [3, 8], unitCost: [3200, 4500] },
    ],
  },
  {
    match: /กล้อง|อาชญากรรม/, title: 'ติดตั้งกล้องวงจรปิดที่ปากซอยและจุดอับ', strategy: 'safe',
    problem: 'มีการลักขโมยบ่อยในช่วงกลางคืน ไม่มีกล้องวงจรปิด',
    objectives: 'ทุกทางเข้าออกชุมชนมีกล้องที่บันทึกได้ตลอด 24 ชั่วโมง',
    activities: ['สำรวจจุดติดตั้งกับสถานีตำรวจ', 'ติดตั้งกล้องและเครื่องบันทึก', 'อบรมการดูภาพย้อนหลัง'],
    beneficiaries: 'ทุกครัวเรือนในชุมชน',
    lines: [
      { description: 'กล้องวงจรปิด IP ความละเอียด 4 ล้านพิกเซล', unit: 'ตัว', quantity: [6, 16], unitCost: [5800, 7900] },
      { description: 'เครื่องบันทึกภาพ NVR', unit: 'เครื่อง', quantity: [1, 2], unitCost: [18000, 25000] },
      { description: 'สายสัญญาณและค่าติดตั้ง', unit: 'จุด', quantity: [6, 16], unitCost: [2000, 3200] },
    ],
  },
  {
    match: /ต้นไม้|กิ่ง/, title: 'ตัดแต่งกิ่งไม้ใหญ่ตามหลักรุกขกรรม', strategy: 'environment',
    problem: 'กิ่งไม้ใหญ่พาดสายไฟ ลมแรงแล้วไฟดับ เสี่ยงไฟช็อต',
    objectives: 'ไม่มีกิ่งไม้พาดสายไฟ และต้นไม้ยังแข็งแรง',
    activities: ['สำรวจต้นไม้เสี่ยง', 'ตัดแต่งกิ่งโดยรุกขกร'],
    beneficiaries: 'ผู้อยู่อาศัยริมถนนสายหลัก',
    lines: [
      { description: 'ค่ารุกขกรตัดแต่งกิ่ง', unit: 'ต้น', quantity: [10, 40], unitCost: [1800, 3000] },
      { description: 'เช่ารถกระเช้า', unit: 'วัน', quantity: [2, 5], unitCost: [6000, 8500] },
    ],
  },
  {
    match: /ศาลา/, title: 'ซ่อมแซมศาลาชุมชน', strategy: 'society',
    problem: 'ศาลาที่ใช้ประชุมและทำกิจกรรมหลังคารั่ว พื้นผุ',
    objectives: 'ศาลาใช้ประชุมและทำกิจกรรมได้อย่างปลอดภัยทุกฤดู',
    activities: ['เปลี่ยนหลังคา', 'เปลี่ยนพื้น', 'ทาสีและตรวจรับ'],
    beneficiaries: 'สมาชิกชุมชนที่ใช้ศาลา',
    lines: [
      { description: 'หลังคาเมทัลชีทพร้อมโครง', unit: 'ตร.ม.', quantity: [80, 160], unitCost: [320, 450] },
      { description: 'พื้นไม้เทียม', unit: 'ตร.ม.', quantity: [60, 120], unitCost: [650, 900] },
      { description: 'ค่าแรงช่างไม้', unit: 'วัน', quantity: [10, 25], unitCost: [700, 950] },
    ],
  },
];

export const REVISION_NOTES = [
  'กรุณาแนบใบเสนอราคาอย่างน้อย 3 ร้าน',
  'ขอแผนที่แสดงจุดดำเนินการและภาพถ่ายสภาพปัจจุบัน',
  'ระบุจำนวนผู้ได้รับประโยชน์ให้ชัดเจน พร้อมรายชื่อครัวเรือน',
  'ราคาต่อหน่วยบางรายการสูงกว่าราคากลาง กรุณาทบทวน',
];

export const NOT_ACCEPTED_REASONS = [
  'พื้นที่เป็นที่ดินเอกชน สำนักงานเขตไม่สามารถใช้งบประมาณดำเนินการได้',
  'ซ้ำกับโครงการของสำนักการโยธาที่บรรจุในแผนปีนี้แล้ว',
  'งบประมาณเกินกรอบที่ชุมชนขอได้ในปีนี้ แนะนำให้แบ่งเป็นระยะ',
];

export const FEASIBILITY = [
  'ดำเนินการได้ภายในปีงบประมาณ พื้นที่เป็นที่สาธารณะ ชุมชนยินยอม',
  'ทำได้ ฝ่ายโยธาตรวจพื้นที่แล้ว ไม่ติดสาธารณูปโภคอื่น',
];

export const COST_CHECKS = [
  'ราคาต่อหน่วยไม่เกินราคากลางของกรุงเทพมหานคร',
  'เทียบใบเสนอราคา 3 ร้านแล้ว ราคาสมเหตุสมผล',
];
