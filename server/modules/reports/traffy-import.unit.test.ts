import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createAgencyMatcher, mapTraffyState, normaliseAgencyName, outcomeOf, parseCoords, parseCount, parsePhotoUrl,
  parseStar, parseTraffyRecord, parseTraffyTimestamp, parseTypeSet, splitOrganizations, type AgencyForMatching, type TraffyRecord,
} from './traffy-import.parse.ts';

const AGENCIES = JSON.parse(fs.readFileSync(new URL('../../../reference/agencies.json', import.meta.url), 'utf8')) as AgencyForMatching[];

describe('parseTypeSet', () => {
  it('reads set literals, empty sets and quoted elements', () => {
    expect(parseTypeSet('{ถนน,ทางเท้า}')).toEqual(['ถนน', 'ทางเท้า']);
    expect(parseTypeSet('{ถนน}')).toEqual(['ถนน']);
    expect(parseTypeSet('{}')).toEqual([]);
    expect(parseTypeSet('')).toEqual([]);
    expect(parseTypeSet(undefined)).toEqual([]);
    expect(parseTypeSet('{"PM2.5","ถนน, ซอย",แสงสว่าง}')).toEqual(['PM2.5', 'ถนน, ซอย', 'แสงสว่าง']);
    expect(parseTypeSet('{"a \\"b\\"",c}')).toEqual(['a "b"', 'c']);
  });

  it('drops blanks, NULL and repeats, and tolerates a missing brace', () => {
    expect(parseTypeSet('{ ถนน , ,NULL,ถนน}')).toEqual(['ถนน']);
    expect(parseTypeSet('ถนน,น้ำท่วม')).toEqual(['ถนน', 'น้ำท่วม']);
  });
});

describe('parseCoords', () => {
  it('reads "lon,lat"', () => {
    expect(parseCoords('100.87281,13.81565')).toEqual({ lat: 13.81565, lng: 100.87281 });
    expect(parseCoords(' 100.5 , 13.7 ')).toEqual({ lat: 13.7, lng: 100.5 });
  });

  it('refuses what is not a coordinate pair', () => {
    for (const bad of ['', '100.5', '100.5,13.7,1', 'abc,13.7', '13.7;100.5', '200,13', '100,95', '0,0', 'NaN,NaN', '1e3,13', undefined]) {
      expect(parseCoords(bad), String(bad)).toBeNull();
    }
  });
});

describe('mapTraffyState', () => {
  it('maps the Thai states', () => {
    expect(mapTraffyState('รอรับเรื่อง')).toEqual({ state: 'received', closeReason: null });
    expect(mapTraffyState('กำลังดำเนินการ')).toEqual({ state: 'in_progress', closeReason: null });
    expect(mapTraffyState('เสร็จสิ้น')).toEqual({ state: 'fixed', closeReason: null });
    expect(mapTraffyState(' เสร็จสิ้น ')).toEqual({ state: 'fixed', closeReason: null });
    expect(mapTraffyState('ส่งต่อ')).toEqual({ state: 'in_progress', closeReason: null });
    expect(mapTraffyState('ส่งต่อ (ใหม่)')).toEqual({ state: 'in_progress', closeReason: null });
  });

  it('closes with a reason when one is given, cannot_fix for a bare close', () => {
    expect(mapTraffyState('ไม่ใช่ความรับผิดชอบ')).toEqual({ state: 'closed', closeReason: 'not_our_responsibility' });
    expect(mapTraffyState('ปิดเรื่อง (ไม่อยู่ในความรับผิดชอบ)')).toEqual({ state: 'closed', closeReason: 'not_our_responsibility' });
    expect(mapTraffyState('ปิดเรื่อง - เรื่องซ้ำ')).toEqual({ state: 'closed', closeReason: 'duplicate' });
    expect(mapTraffyState('ปิดเรื่อง(ผู้แจ้งยกเลิก)')).toEqual({ state: 'closed', closeReason: 'withdrawn' });
    expect(mapTraffyState('ปิดเรื่อง')).toEqual({ state: 'closed', closeReason: 'cannot_fix' });
  });

  it('knows the English export labels and refuses the unknown', () => {
    expect(mapTraffyState('finish')?.state).toBe('fixed');
    expect(mapTraffyState('InProgress')?.state).toBe('in_progress');
    expect(mapTraffyState('')).toBeNull();
    expect(mapTraffyState('อะไรก็ไม่รู้')).toBeNull();
    expect(mapTraffyState(undefined)).toBeNull();
  });
});

describe('parseTraffyTimestamp', () => {
  it('reads the formats the dataset uses', () => {
    expect(parseTraffyTimestamp('2023-05-11 09:28:51.000 +0700')?.toISOString()).toBe('2023-05-11T02:28:51.000Z');
    expect(parseTraffyTimestamp('2023-05-12 13:27:54.482138+00')?.toISOString()).toBe('2023-05-12T13:27:54.482Z');
    expect(parseTraffyTimestamp('2023-05-12T13:27:54Z')?.toISOString()).toBe('2023-05-12T13:27:54.000Z');
    expect(parseTraffyTimestamp('2023-05-12T13:27:54.5+07:00')?.toISOString()).toBe('2023-05-12T06:27:54.500Z');
    expect(parseTraffyTimestamp('2023-05-12T13:27-05:30')?.toISOString()).toBe('2023-05-12T18:57:00.000Z');
  });

  it('takes a time without an offset as Bangkok time', () => {
    expect(parseTraffyTimestamp('2023-05-12 13:00:00')?.toISOString()).toBe('2023-05-12T06:00:00.000Z');
    expect(parseTraffyTimestamp('2023-05-12')?.toISOString()).toBe('2023-05-11T17:00:00.000Z');
  });

  it('refuses impossible and unreadable times', () => {
    for (const bad of ['', '12/05/2023', '2023-02-30 10:00:00+00', '2023-13-01', '2023-05-12 24:00:00', '2023-05-12 10:61', '2023-05-12 10:00 +2500', 'yesterday', undefined]) {
      expect(parseTraffyTimestamp(bad), String(bad)).toBeNull();
    }
  });
});

describe('small fields', () => {
  it('star, reopen count, photo links, organisation lists', () => {
    expect(parseStar('')).toEqual({ ok: true, value: null });
    expect(parseStar('5')).toEqual({ ok: true, value: 5 });
    expect(parseStar('4.0')).toEqual({ ok: true, value: 4 });
    expect(parseStar('6')).toEqual({ ok: false });
    expect(parseStar('ดี')).toEqual({ ok: false });
    expect(parseCount('')).toBe(0);
    expect(parseCount('2')).toBe(2);
    expect(parseCount('-1')).toBeNull();
    expect(parsePhotoUrl('https://storage.googleapis.com/a.jpg')).toBe('https://storage.googleapis.com/a.jpg');
    expect(parsePhotoUrl('javascript:alert(1)')).toBeNull();
    expect(parsePhotoUrl('ftp://x/y.jpg')).toBeNull();
    expect(parsePhotoUrl('')).toBeNull();
    expect(splitOrganizations('เขตหนองจอก,สำนักการโยธา, ,')).toEqual(['เขตหนองจอก', 'สำนักการโยธา']);
  });
});

describe('agency matching', () => {
  const match = createAgencyMatcher(AGENCIES);

  it('strips Traffy decorations', () => {
    expect(normaliseAgencyName('สำนักการจราจรและขนส่ง กรุงเทพมหานคร (สจส.)')).toBe('สำนักการจราจรและขนส่ง');
    expect(normaliseAgencyName('การไฟฟ้านครหลวง MEA')).toBe('การไฟฟ้านครหลวง');
    expect(normaliseAgencyName('เขต หนองจอก')).toBe('เขตหนองจอก');
  });

  it('maps the names the sample uses', () => {
    expect(match('เขตหนองจอก')).toBe('district-1003');
    expect(match('สำนักงานเขตบางรัก')).toBe('district-1004');
    expect(match('สำนักการโยธา กทม.')).toBe('bma-public-works');
    expect(match('สำนักการจราจรและขนส่ง กรุงเทพมหานคร (สจส.)')).toBe('bma-traffic');
    expect(match('กองระบบท่อระบายน้ำ สำนักการระบายน้ำ')).toBe('bma-drainage');
    expect(match('สำนักงานก่อสร้างและบูรณะ สำนักการโยธา (สกบ.สนย.) กทม.')).toBe('bma-public-works');
    expect(match('การไฟฟ้านครหลวง เขตธนบุรี')).toBe('mea');
    expect(match('การประปานครหลวง กปน. (Metropolitan Waterworks Authority - MWA)')).toBe('mwa');
    expect(match('กองบัญชาการตำรวจนครบาล (บช.น.)')).toBe('mpb');
    expect(match('ฝ่ายโยธา เขตวัฒนา')).toBe('district-1039');
    expect(match('ฝ่ายเทศกิจ เขตป้อมปราบศัตรูพ่าย')).toBe('district-1008');
  });

  it('answers null for bodies we do not have', () => {
    expect(match('กรุงเทพโปร่งใส')).toBeNull();
    expect(match('สำนักงานตำรวจแห่งชาติ (Royal Thai Police)')).toBeNull();
    expect(match('เขตเมืองสมมุติ')).toBeNull();
    expect(match('')).toBeNull();
  });
});

describe('parseTraffyRecord and outcomeOf', () => {
  const now = new Date('2024-01-01T00:00:00Z');
  const base: TraffyRecord = {
    ticket_id: '2023-ABC123', type: '{ถนน,ทางเท้า}', organization: 'เขตบางรัก,สำนักการโยธา', comment: '  ถนนเป็นหลุม  ',
    coords: '100.5243,13.7292', photo: 'https://example.org/a.jpg', photo_after: '', address: 'ถนนสีลม', subdistrict: 'สีลม',
    district: 'บางรัก', province: 'กรุงเทพมหานคร', timestamp: '2023-05-12 13:00:00+00', state: 'เสร็จสิ้น', star: '4',
    count_reopen: '1', last_activity: '2023-05-12 12:59:59.9+00',
  };

  it('reads a good row; last activity never precedes creation', () => {
    const result = parseTraffyRecord(base, 4000, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row).toMatchObject({ ticket: '2023-ABC123', description: 'ถนนเป็นหลุม', lat: 13.7292, lng: 100.5243, types: ['ถนน', 'ทางเท้า'], star: 4, reopenCount: 1, photoAfter: null });
    expect(result.row.lastActivity?.toISOString()).toBe('2023-05-12T13:00:00.000Z');
    expect(outcomeOf(result.row)).toMatchObject({ rating: 4, fixedAt: result.row.lastActivity, firstResponseAt: result.row.lastActivity });
  });

  it('says why a row is refused', () => {
    const reason = (patch: TraffyRecord, max = 4000) => {
      const r = parseTraffyRecord({ ...base, ...patch }, max, now);
      return r.ok ? null : r.reason;
    };
    expect(reason({ ticket_id: '' })).toBe('no ticket_id');
    expect(reason({ comment: '   ' })).toBe('no description');
    expect(reason({ comment: 'ก'.repeat(11) }, 10)).toBe('description longer than 10 characters');
    expect(reason({ coords: '13.7' })).toMatch(/^coords not readable/);
    expect(reason({ state: 'บางอย่าง' })).toBe('unknown state "บางอย่าง"');
    expect(reason({ timestamp: 'เมื่อวาน' })).toMatch(/^timestamp not readable/);
    expect(reason({ timestamp: '2030-01-01 00:00:00+00' })).toBe('timestamp is in the future');
    expect(reason({ star: '9' })).toMatch(/^star must be 1 to 5/);
    expect(reason({ count_reopen: 'x' })).toMatch(/^count_reopen/);
  });

  it('gives each state consistent timestamps', () => {
    const at = (state: string, lastActivity = '2023-05-13 00:00:00+00') => {
      const r = parseTraffyRecord({ ...base, state, last_activity: lastActivity }, 4000, now);
      if (!r.ok) throw new Error(r.reason);
      return outcomeOf(r.row);
    };
    expect(at('รอรับเรื่อง')).toMatchObject({ firstResponseAt: null, fixedAt: null, closedAt: null, rating: null });
    expect(at('กำลังดำเนินการ').firstResponseAt?.toISOString()).toBe('2023-05-13T00:00:00.000Z');
    expect(at('กำลังดำเนินการ', '').firstResponseAt).toBeNull();
    expect(at('เสร็จสิ้น', '').fixedAt?.toISOString()).toBe('2023-05-12T13:00:00.000Z');
    expect(at('ไม่ใช่ความรับผิดชอบ')).toMatchObject({ fixedAt: null, rating: null });
    expect(at('ไม่ใช่ความรับผิดชอบ').closedAt?.toISOString()).toBe('2023-05-13T00:00:00.000Z');
  });
});
