import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../../platform/geo/index.ts';
import { boxAround } from '../reports/reports.nearby.ts';
import { coerceNeedForm } from './communities.needs.routes.ts';

describe('coerceNeedForm (multipart fields to the JSON body)', () => {
  it('turns numbers into numbers, the code list into a list, and drops blanks', () => {
    expect(coerceNeedForm({ title: 'น้ำท่วม', households_affected: '12', lat: '13.73', lng: '100.52', rank: '', report_codes: 'BKK-1, BKK-2', since_on: '' })).toEqual({
      title: 'น้ำท่วม', households_affected: 12, lat: 13.73, lng: 100.52, report_codes: ['BKK-1', 'BKK-2'],
    });
  });

  it('leaves non-numbers as text so the schema refuses them with a field error', () => {
    expect(coerceNeedForm({ households_affected: 'สิบ' })).toEqual({ households_affected: 'สิบ' });
    expect(coerceNeedForm({ households_affected: '-4' })).toEqual({ households_affected: -4 });
  });
});

describe('boxAround', () => {
  it('holds the whole circle at Bangkok latitude', () => {
    const b = boxAround(13.75, 100.5, 1000);
    expect(distanceMeters(13.75, 100.5, b.maxLat, 100.5)).toBeCloseTo(1000, 0);
    expect(distanceMeters(13.75, 100.5, 13.75, b.maxLng)).toBeGreaterThanOrEqual(999);
    expect(distanceMeters(13.75, 100.5, 13.75, b.minLng)).toBeLessThan(1001);
  });
});
