/**
 * Measures how well the district polygons agree with real reports: for each row
 * of a Traffy Fondue export, does the locator put the report's coordinates in the
 * district the row names? Used by a unit test (as a floor) and by `npm run bench`.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { areValidCoordinates } from './coordinates.ts';
import { findDistrictByName } from './districts.ts';
import { locateDistrict } from './locator.ts';

export interface LocatorMatchRate {
  /** Data rows read (header excluded). */
  rows: number;
  /** Located in the very district the row names. */
  matched: number;
  /** Located in another Bangkok district, almost always the named one's neighbour. */
  neighbouring: number;
  /** Not in any Bangkok district (includes rows that name a district of another province). */
  outside: number;
  /** Rows whose coords could not be read as "lon,lat". */
  unreadable: number;
  /** matched / rows, over all rows, so bad rows count against the rate. */
  rate: number;
}

interface TraffyRow {
  coords?: string;
  district?: string;
}

/** Traffy writes coords as "lon,lat" — longitude first, unlike most Thai sources. */
function parseLonLat(coords: string | undefined): { lat: number; lng: number } | undefined {
  const parts = (coords ?? '').split(',').map((part) => Number(part.trim()));
  if (parts.length !== 2) return undefined;
  const [lng, lat] = parts;
  return areValidCoordinates(lat, lng) ? { lat, lng } : undefined;
}

export function measureLocatorMatchRate(csvPath: string | URL): LocatorMatchRate {
  const rows = parse(fs.readFileSync(csvPath), {
    bom: true,
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as TraffyRow[];

  const result: LocatorMatchRate = { rows: rows.length, matched: 0, neighbouring: 0, outside: 0, unreadable: 0, rate: 0 };
  for (const row of rows) {
    const point = parseLonLat(row.coords);
    if (!point) {
      result.unreadable++;
      continue;
    }
    const location = locateDistrict(point.lat, point.lng);
    if (!location.inside) result.outside++;
    else if (location.district.code === findDistrictByName(row.district ?? '')?.code) result.matched++;
    else result.neighbouring++;
  }
  result.rate = result.rows === 0 ? 0 : result.matched / result.rows;
  return result;
}
