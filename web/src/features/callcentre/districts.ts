// Matching what an agent types to one of the 50 districts, on the client: the list is
// small and already loaded, so the type-ahead needs no request per keystroke.
import type { DistrictRef } from './types';

/** "เขต บางรัก", "Bang Rak district", "bangrak" → one comparable key. */
export function districtKey(text: string): string {
  return text
    .normalize('NFC')
    .trim()
    .replace(/^เขต\s*/u, '')
    .replace(/^khet\s+/iu, '')
    .replace(/\s+district$/iu, '')
    .replace(/[\s\-]+/gu, '')
    .toLowerCase();
}

/** The district the text names exactly (by Thai or English name, or code), if any. */
export function exactDistrict(text: string, districts: readonly DistrictRef[]): DistrictRef | null {
  const key = districtKey(text);
  if (!key) return null;
  return (
    districts.find((d) => String(d.code) === key || districtKey(d.name_th) === key || districtKey(d.name_en) === key) ?? null
  );
}

/** Districts whose name starts with, then contains, the text: best first. */
export function districtMatches(text: string, districts: readonly DistrictRef[], limit = 8): DistrictRef[] {
  const key = districtKey(text);
  if (!key) return [];
  const starts: DistrictRef[] = [];
  const contains: DistrictRef[] = [];
  for (const d of districts) {
    const names = [districtKey(d.name_th), districtKey(d.name_en), String(d.code)];
    if (names.some((n) => n.startsWith(key))) starts.push(d);
    else if (names.some((n) => n.includes(key))) contains.push(d);
  }
  return [...starts, ...contains].slice(0, limit);
}

/** A typed coordinate ("13.7292" or "13,7292") within ±limit, or null. */
export function parseCoordinate(value: string, limit: number): number | null {
  const n = Number(value.trim().replace(',', '.'));
  return value.trim() === '' || !Number.isFinite(n) || Math.abs(n) > limit ? null : n;
}
