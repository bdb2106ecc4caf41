import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../platform/config/config.ts';

/** Shapes of the files shipped in reference/ (see reference/README.md for sources). */
export interface AgencyReference {
  code: string;
  kind: 'district_office' | 'department' | 'external';
  name_th: string;
  name_en: string;
  district_code?: number | null;
}

export interface CategoryReference {
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

function readJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'reference', name), 'utf8')) as T;
}

let agencies: AgencyReference[] | null = null;
let categories: CategoryReference[] | null = null;

export function agencyReference(): AgencyReference[] {
  agencies ??= readJson<AgencyReference[]>('agencies.json');
  return agencies;
}

export function categoryReference(): CategoryReference[] {
  categories ??= readJson<CategoryReference[]>('categories.json');
  return categories;
}
