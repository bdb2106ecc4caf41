// Guards the shipped reference files (reference/*.json) that seed agencies and
// categories. It lives beside the locator because both read reference/ and the
// district codes must agree across all three files.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listDistricts } from './districts.ts';

interface Agency {
  code: string;
  kind: 'district_office' | 'department' | 'external';
  name_th: string;
  name_en: string;
  district_code?: number;
}

interface Category {
  code: string;
  name_th: string;
  name_en: string;
  description_th: string;
  description_en: string;
  routing: { kind: 'district_office' } | { kind: 'agency'; agency_code: string };
  first_response_hours: number;
  fix_hours: number;
  after_photo_required: boolean;
  seed_keywords_th: string[];
  seed_keywords_en: string[];
}

function readReference<T>(file: string): T {
  return JSON.parse(fs.readFileSync(new URL(`../../../reference/${file}`, import.meta.url), 'utf8')) as T;
}

const agencies = readReference<Agency[]>('agencies.json');
const categories = readReference<Category[]>('categories.json');

describe('reference/agencies.json', () => {
  it('has unique codes and both names for every agency', () => {
    expect(new Set(agencies.map((a) => a.code)).size).toBe(agencies.length);
    for (const agency of agencies) {
      expect(['district_office', 'department', 'external']).toContain(agency.kind);
      expect(agency.name_th.trim()).not.toBe('');
      expect(agency.name_en.trim()).not.toBe('');
    }
  });

  it('has one district office per district, named after it', () => {
    const offices = agencies.filter((a) => a.kind === 'district_office');
    expect(offices).toHaveLength(50);
    for (const district of listDistricts()) {
      expect(offices).toContainEqual({
        code: `district-${district.code}`,
        kind: 'district_office',
        name_th: `สำนักงานเขต${district.name_th}`,
        name_en: `${district.name_en} District Office`,
        district_code: district.code,
      });
    }
  });

  it('has at least the 16 BMA departments, all coded bma-*', () => {
    const departments = agencies.filter((a) => a.kind === 'department');
    expect(departments.length).toBeGreaterThanOrEqual(16);
    for (const department of departments) expect(department.code).toMatch(/^bma-[a-z-]+$/);
    expect(departments.find((d) => d.code === 'bma-drainage')?.name_th).toBe('สำนักการระบายน้ำ');
  });

  it('names no district on departments or external bodies', () => {
    for (const agency of agencies.filter((a) => a.kind !== 'district_office')) expect(agency.district_code).toBeUndefined();
  });
});

describe('reference/categories.json', () => {
  const agencyCodes = new Set(agencies.map((a) => a.code));

  it('has the 24 Traffy Fondue types, with unique codes and Thai names', () => {
    expect(categories).toHaveLength(24);
    expect(new Set(categories.map((c) => c.code)).size).toBe(24);
    expect(new Set(categories.map((c) => c.name_th)).size).toBe(24);
  });

  it('routes only to agencies that exist', () => {
    for (const category of categories) {
      if (category.routing.kind === 'agency') expect(agencyCodes).toContain(category.routing.agency_code);
      else expect(category.routing).toEqual({ kind: 'district_office' });
    }
  });

  it('sets realistic service targets', () => {
    for (const category of categories) {
      expect(category.first_response_hours).toBeGreaterThanOrEqual(24);
      expect(category.first_response_hours).toBeLessThanOrEqual(72);
      expect(category.fix_hours).toBeGreaterThan(category.first_response_hours);
      expect(category.fix_hours).toBeLessThanOrEqual(720);
    }
  });

  it('asks for an after photo exactly for physical fixes', () => {
    const physical = categories.filter((c) => c.after_photo_required).map((c) => c.code).sort();
    expect(physical).toEqual(
      ['road', 'sidewalk', 'drain', 'lighting', 'trees', 'obstruction', 'bridge', 'canal', 'signage', 'traffic_sign',
        'overhead_wires', 'cleanliness', 'toilets', 'flooding'].sort(),
    );
  });

  it('seeds each category with enough distinct keywords, none shared between categories', () => {
    const owner = new Map<string, string>();
    for (const category of categories) {
      expect(category.seed_keywords_th.length).toBeGreaterThanOrEqual(15);
      expect(category.seed_keywords_th.length).toBeLessThanOrEqual(40);
      expect(category.seed_keywords_en.length).toBeGreaterThanOrEqual(5);
      expect(category.seed_keywords_en.length).toBeLessThanOrEqual(15);
      for (const keyword of category.seed_keywords_th) {
        expect(owner.get(keyword), `"${keyword}" seeds both ${owner.get(keyword)} and ${category.code}`).toBeUndefined();
        owner.set(keyword, category.code);
      }
    }
  });
});
