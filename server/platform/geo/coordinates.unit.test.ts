import { describe, expect, it } from 'vitest';
import { areValidCoordinates, assertValidCoordinates, distanceMeters, InvalidCoordinatesError, LocalPlane } from './coordinates.ts';

describe('distanceMeters', () => {
  it('is zero for the same point', () => {
    expect(distanceMeters(13.75, 100.5, 13.75, 100.5)).toBe(0);
  });

  it('gives ~111.2 km for one degree of latitude', () => {
    expect(distanceMeters(0, 100, 1, 100)).toBeCloseTo(111_195, -1);
  });

  it('measures the Grand Palace to Don Mueang airport at about 22 km', () => {
    // 0.1626° north (18.1 km) and 0.1155° east (12.5 km at this latitude).
    expect(distanceMeters(13.75, 100.4913, 13.9126, 100.6068)).toBeGreaterThan(21_800);
    expect(distanceMeters(13.75, 100.4913, 13.9126, 100.6068)).toBeLessThan(22_100);
  });

  it('is symmetric', () => {
    expect(distanceMeters(13.7, 100.4, 13.9, 100.8)).toBeCloseTo(distanceMeters(13.9, 100.8, 13.7, 100.4), 6);
  });

  it('refuses invalid coordinates', () => {
    expect(() => distanceMeters(91, 0, 0, 0)).toThrow(InvalidCoordinatesError);
    expect(() => distanceMeters(0, 0, 0, Number.NaN)).toThrow(InvalidCoordinatesError);
  });
});

describe('assertValidCoordinates', () => {
  it.each([
    [0, 0],
    [-90, -180],
    [90, 180],
    [13.7563, 100.5018],
  ])('accepts %s, %s', (lat, lng) => {
    expect(() => assertValidCoordinates(lat, lng)).not.toThrow();
    expect(areValidCoordinates(lat, lng)).toBe(true);
  });

  it.each([
    [Number.NaN, 100],
    [13, Number.POSITIVE_INFINITY],
    [90.0001, 100],
    [-90.5, 100],
    [13, 180.1],
    [13, -181],
    [100.5, 13.7], // swapped: latitude out of range
  ])('rejects %s, %s', (lat, lng) => {
    expect(() => assertValidCoordinates(lat, lng)).toThrow(InvalidCoordinatesError);
    expect(areValidCoordinates(lat, lng)).toBe(false);
  });

  it('rejects values that are not numbers at all, as untyped JSON can send', () => {
    expect(() => assertValidCoordinates('13.7' as unknown as number, 100)).toThrow(InvalidCoordinatesError);
    expect(() => assertValidCoordinates(13.7, null as unknown as number)).toThrow(InvalidCoordinatesError);
    expect(areValidCoordinates('13.7', 100)).toBe(false);
  });

  it('explains the problem in Thai and English', () => {
    try {
      assertValidCoordinates(100.5, 13.7);
      expect.unreachable();
    } catch (error) {
      const invalid = error as InvalidCoordinatesError;
      expect(invalid.code).toBe('invalid_coordinates');
      expect(invalid.message).toMatch(/Latitude/);
      expect(invalid.messageTh).toMatch(/ละติจูด/);
    }
  });
});

describe('LocalPlane', () => {
  it('agrees with haversine within 0.5 % over city distances', () => {
    const plane = new LocalPlane(100.5, 13.75);
    const far = [100.7, 13.9];
    const planar = plane.distanceToSegment(far, far);
    expect(planar / distanceMeters(13.75, 100.5, 13.9, 100.7)).toBeCloseTo(1, 2);
  });

  it('measures to the closest point of a segment, not its ends', () => {
    const plane = new LocalPlane(100.5, 13.75);
    const south = [100.49, 13.76];
    const north = [100.51, 13.76];
    expect(plane.distanceToSegment(south, north)).toBeCloseTo(distanceMeters(13.75, 100.5, 13.76, 100.5), -1);
  });

  it('gives zero distance to a bbox containing the origin', () => {
    expect(new LocalPlane(100.5, 13.75).distanceToBBox([100.4, 13.7, 100.6, 13.8])).toBe(0);
  });
});
